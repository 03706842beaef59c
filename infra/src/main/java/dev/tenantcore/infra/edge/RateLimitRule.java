package dev.tenantcore.infra.edge;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.BucketConfiguration;
import java.util.List;
import java.util.Locale;
import org.springframework.http.server.PathContainer;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/** One route group, compiled from its properties once at start. */
record RateLimitRule(
        String name,
        long limit,
        String policy,
        RateLimitProperties.KeyBy key,
        List<Route> routes,
        BucketConfiguration configuration) {

    record Route(String method, PathPattern pattern) {
        boolean matches(String requestMethod, PathContainer path) {
            return (method == null || method.equalsIgnoreCase(requestMethod)) && pattern.matches(path);
        }
    }

    static RateLimitRule of(String name, RateLimitProperties.Group group) {
        if (group.getLimit() <= 0
                || group.getPeriod() == null
                || group.getPeriod().isNegative()
                || group.getPeriod().isZero()) {
            throw new IllegalStateException("app.rate-limits." + name + " needs a positive limit and period");
        }
        List<Route> routes = group.getRoutes() == null
                ? List.of()
                : group.getRoutes().stream().map(RateLimitRule::route).toList();
        BucketConfiguration configuration = BucketConfiguration.builder()
                .addLimit(Bandwidth.builder()
                        .capacity(group.getLimit())
                        .refillGreedy(group.getLimit(), group.getPeriod())
                        .build())
                .build();
        // The IETF draft's policy syntax: quota;w=window-in-seconds.
        String policy = group.getLimit() + ";w=" + group.getPeriod().toSeconds();
        return new RateLimitRule(
                name,
                group.getLimit(),
                policy,
                group.getKey() == null ? RateLimitProperties.KeyBy.CLIENT : group.getKey(),
                routes,
                configuration);
    }

    boolean matches(String method, PathContainer path) {
        return routes.stream().anyMatch(r -> r.matches(method, path));
    }

    private static Route route(String spec) {
        String trimmed = spec.trim();
        int space = trimmed.indexOf(' ');
        String method = space < 0 ? null : trimmed.substring(0, space).toUpperCase(Locale.ROOT);
        String pattern = space < 0 ? trimmed : trimmed.substring(space + 1).trim();
        return new Route(method, PathPatternParser.defaultInstance.parse(pattern));
    }
}
