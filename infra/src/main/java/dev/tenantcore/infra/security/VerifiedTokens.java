package dev.tenantcore.infra.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.util.function.Predicate;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.JwtValidationException;

/**
 * Access tokens decoded once per token, validated on every request.
 *
 * <p>A client sends the same access token with every request until it expires; parsing it and
 * checking its RS256 signature each time was a tenth of a command's CPU. The signature of a token
 * is a fact about its exact text, so the parsed token is kept under that text (a different byte is
 * a different key, checked afresh) — but only while its key is published: a token whose key was
 * retired since is checked again, and fails as before. Everything that can change between two
 * requests with the same token runs every time: expiry and not-before, issuer, audience, tenant,
 * and whether its session has been revoked.
 */
final class VerifiedTokens implements JwtDecoder {

    /** Tokens in use at once, at most; the least recently used beyond it are checked again. */
    private static final int CAPACITY = 10_000;

    private final JwtDecoder signatures;
    private final OAuth2TokenValidator<Jwt> validator;
    private final Predicate<String> published;
    private final Cache<String, Jwt> verified;

    /**
     * @param signatures parses a token and checks its signature against the published keys, and
     *     nothing else
     * @param validator what is checked on every use
     * @param published whether the key of a kid is published now
     * @param lifetime how long a token is valid at most (past it, the validator refuses it anyway)
     */
    VerifiedTokens(
            JwtDecoder signatures,
            OAuth2TokenValidator<Jwt> validator,
            Predicate<String> published,
            Duration lifetime) {
        this.signatures = signatures;
        this.validator = validator;
        this.published = published;
        this.verified = Caffeine.newBuilder()
                .maximumSize(CAPACITY)
                .expireAfterWrite(lifetime)
                .build();
    }

    @Override
    public Jwt decode(String token) throws JwtException {
        Jwt jwt = verified.getIfPresent(token);
        if (jwt == null || !published.test(jwt.getHeaders().get("kid") instanceof String kid ? kid : null)) {
            verified.invalidate(token);
            jwt = signatures.decode(token);
            verified.put(token, jwt);
        }
        OAuth2TokenValidatorResult result = validator.validate(jwt);
        if (result.hasErrors()) {
            String description = result.getErrors().iterator().next().getDescription();
            throw new JwtValidationException(
                    "An error occurred while attempting to decode the Jwt: " + description, result.getErrors());
        }
        return jwt;
    }
}
