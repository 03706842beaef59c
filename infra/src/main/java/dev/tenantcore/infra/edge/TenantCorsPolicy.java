package dev.tenantcore.infra.edge;

import dev.tenantcore.infra.tenancy.TenantDirectory;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.springframework.http.HttpHeaders;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.CorsConfigurationSource;

/**
 * CORS for exactly the tenants' active domains, read from the in-memory {@link TenantDirectory}
 * on each request: a domain added, deactivated or removed changes the policy as soon as the
 * directory reloads, with no list to keep in step. An origin that is no active domain gets no
 * configuration, hence no {@code Access-Control-Allow-*} header (and the tenant resolution filter
 * refuses it). Applied by {@link EdgeCorsFilter} before any filter may answer. Credentials are
 * allowed so that browsers send the {@code Authorization} header. The anonymous sign-up routes,
 * which have no tenant yet, admit only the platform's own site ({@link SignUpCorsProperties}).
 */
public class TenantCorsPolicy implements CorsConfigurationSource {

    static final List<String> ALLOWED_METHODS = List.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE");
    static final List<String> ALLOWED_HEADERS = List.of(
            HttpHeaders.AUTHORIZATION,
            HttpHeaders.CONTENT_TYPE,
            HttpHeaders.ACCEPT,
            HttpHeaders.ACCEPT_LANGUAGE,
            HttpHeaders.IF_MATCH,
            HttpHeaders.IF_NONE_MATCH,
            "Prefer",
            "Idempotency-Key");
    static final List<String> EXPOSED_HEADERS = List.of(
            HttpHeaders.ETAG,
            HttpHeaders.LOCATION,
            HttpHeaders.RETRY_AFTER,
            "Preference-Applied",
            "RateLimit-Limit",
            "RateLimit-Remaining",
            "RateLimit-Reset",
            "RateLimit-Policy");

    /** Anonymous and tenant-less: no tenant's domains apply, only the platform's own site. */
    static final String SIGN_UP_PATH = "/api/v1/signup";

    private final TenantDirectory directory;
    private final List<String> signUpOrigins;

    TenantCorsPolicy(TenantDirectory directory, List<String> signUpOrigins) {
        this.directory = directory;
        this.signUpOrigins = List.copyOf(signUpOrigins);
    }

    @Override
    public CorsConfiguration getCorsConfiguration(HttpServletRequest request) {
        String origin = request.getHeader(HttpHeaders.ORIGIN);
        if (origin == null) {
            return null;
        }
        if (isSignUp(request)) {
            return signUp();
        }
        if (!directory.isActiveDomain(hostOf(origin))) {
            return null;
        }
        CorsConfiguration config = new CorsConfiguration();
        config.setAllowedOrigins(List.of(origin.trim()));
        config.setAllowCredentials(true);
        config.setAllowedMethods(ALLOWED_METHODS);
        config.setAllowedHeaders(ALLOWED_HEADERS);
        config.setExposedHeaders(EXPOSED_HEADERS);
        config.setMaxAge(Duration.ofMinutes(10));
        return config;
    }

    /**
     * The listed origins only, without credentials (a sign-up carries none), for POST alone. Any other
     * origin is refused here with {@code 403} and no CORS header, preflight or not: the sign-up routes
     * resolve no tenant, so nothing further along would refuse it.
     */
    private CorsConfiguration signUp() {
        CorsConfiguration config = new CorsConfiguration();
        config.setAllowedOrigins(signUpOrigins);
        config.setAllowCredentials(false);
        config.setAllowedMethods(List.of("POST"));
        config.setAllowedHeaders(List.of(HttpHeaders.CONTENT_TYPE, HttpHeaders.ACCEPT, HttpHeaders.ACCEPT_LANGUAGE));
        config.setExposedHeaders(EXPOSED_HEADERS);
        config.setMaxAge(Duration.ofMinutes(10));
        return config;
    }

    private static boolean isSignUp(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return path.equals(SIGN_UP_PATH) || path.startsWith(SIGN_UP_PATH + "/");
    }

    private static String hostOf(String origin) {
        try {
            String host = URI.create(origin.trim()).getHost();
            return host == null ? null : host.toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
