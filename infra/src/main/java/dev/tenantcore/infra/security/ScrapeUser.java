package dev.tenantcore.infra.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/**
 * Checks HTTP Basic credentials against the configured scrape user. Name and password are compared
 * as SHA-256 digests with {@link MessageDigest#isEqual}, both always, so neither the time taken nor
 * the lengths tell a guesser how close it came. Without a configured user every attempt fails.
 */
final class ScrapeUser implements AuthenticationManager {

    static final String ROLE = "METRICS_SCRAPER";

    private final byte[] user;
    private final byte[] password;

    ScrapeUser(MetricsScrapeProperties properties) {
        boolean hasUser =
                properties.scrapeUser() != null && !properties.scrapeUser().isBlank();
        boolean hasPassword = properties.scrapePassword() != null
                && !properties.scrapePassword().isBlank();
        if (hasUser != hasPassword) {
            throw new IllegalStateException(
                    "app.metrics.scrape-user and app.metrics.scrape-password are set together, or neither");
        }
        this.user = hasUser ? digest(properties.scrapeUser()) : null;
        this.password = hasPassword ? digest(properties.scrapePassword()) : null;
    }

    /** Whether Basic credentials can succeed at all. */
    boolean configured() {
        return user != null;
    }

    @Override
    public Authentication authenticate(Authentication authentication) {
        String name = authentication.getName() == null ? "" : authentication.getName();
        Object credentials = authentication.getCredentials();
        String given = credentials == null ? "" : credentials.toString();
        boolean userMatches = MessageDigest.isEqual(digest(name), user == null ? new byte[32] : user);
        boolean passwordMatches = MessageDigest.isEqual(digest(given), password == null ? new byte[32] : password);
        if (!configured() || !(userMatches & passwordMatches)) {
            throw new BadCredentialsException("Bad scrape credentials");
        }
        return UsernamePasswordAuthenticationToken.authenticated(
                name, null, List.of(new SimpleGrantedAuthority("ROLE_" + ROLE)));
    }

    private static byte[] digest(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
