package dev.tenantcore.infra.security;

import java.util.List;
import org.springframework.http.HttpMethod;
import org.springframework.http.server.PathContainer;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * The routes anyone may call without a credential. The security filter chain permits exactly
 * these, and the API document leaves exactly these without a security requirement, so the two
 * cannot disagree.
 */
public final class PublicEndpoints {

    private record Route(HttpMethod method, String pattern) {}

    private static final List<Route> ROUTES = List.of(
            new Route(HttpMethod.POST, "/api/v1/auth/login"),
            new Route(HttpMethod.POST, "/api/v1/auth/refresh"),
            new Route(HttpMethod.POST, "/api/v1/auth/register"),
            new Route(HttpMethod.POST, "/api/v1/auth/password-reset"),
            new Route(HttpMethod.POST, "/api/v1/auth/password-reset/confirm"),
            new Route(HttpMethod.GET, "/api/v1/public/**"),
            new Route(HttpMethod.POST, "/api/v1/signup"),
            new Route(HttpMethod.POST, "/api/v1/signup/verification"),
            new Route(HttpMethod.POST, "/api/v1/signup/resend"),
            // Visitors' lead forms; limited per address at the edge.
            new Route(HttpMethod.POST, "/api/v1/public/forms/*"),
            // A storefront checking a coupon code before checkout; limited per address at the edge.
            new Route(HttpMethod.POST, "/api/v1/public/coupons/check"),
            new Route(HttpMethod.GET, "/.well-known/jwks.json"),
            // The keys that sign hash-chain checkpoints: an auditor checks a kept checkpoint with them.
            new Route(HttpMethod.GET, "/.well-known/audit-keys.json"),
            // Authenticated by the provider's signature, checked by the webhook handler.
            new Route(HttpMethod.POST, "/api/v1/webhooks/**"),
            // A messaging channel's subscription handshake (Meta's hub.challenge), checked by its handler.
            new Route(HttpMethod.GET, "/api/v1/webhooks/channels/*"),
            // The live event socket's upgrade: its handshake checks the access token or a ticket itself.
            new Route(HttpMethod.GET, "/api/v1/live"),
            new Route(null, "/actuator/health"),
            new Route(null, "/actuator/health/**"),
            new Route(null, "/error"),
            new Route(null, "/v3/api-docs"),
            new Route(null, "/v3/api-docs/**"),
            new Route(null, "/swagger-ui.html"),
            new Route(null, "/swagger-ui/**"));

    private PublicEndpoints() {}

    static void permit(AuthorizeHttpRequestsConfigurer<?>.AuthorizationManagerRequestMatcherRegistry auth) {
        for (Route route : ROUTES) {
            if (route.method() == null) {
                auth.requestMatchers(route.pattern()).permitAll();
            } else {
                auth.requestMatchers(route.method(), route.pattern()).permitAll();
            }
        }
    }

    /** Whether a route (a path, or a path template such as {@code /api/v1/public/products/{id}}) is public. */
    public static boolean isPublic(String method, String path) {
        PathContainer container = PathContainer.parsePath(path);
        return ROUTES.stream()
                .anyMatch(r -> (r.method() == null || r.method().matches(method))
                        && pattern(r.pattern()).matches(container));
    }

    private static PathPattern pattern(String pattern) {
        return PathPatternParser.defaultInstance.parse(pattern);
    }
}
