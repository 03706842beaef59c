package dev.tenantcore.infra.edge;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tenantcore.api.common.ErrorCode;
import dev.tenantcore.api.common.TenantId;
import dev.tenantcore.infra.tenancy.TenantContext;
import dev.tenantcore.infra.web.Problems;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.server.PathContainer;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Counts each request against its route group's bucket and refuses it with {@code 429
 * rate_limited} when the bucket is empty. Runs inside the security filter chain after
 * authentication, so a group keyed by client counts the signed-in user or API key (the acting
 * user of {@link TenantContext}), and before authorisation, so anonymous callers are counted too.
 * Bucket keys name the group, its limit, the tenant and the client; changing a limit therefore
 * starts fresh buckets.
 *
 * <p>Every counted response carries {@code RateLimit-Limit}, {@code RateLimit-Remaining} and
 * {@code RateLimit-Reset} (seconds until the bucket is full again); a refusal also
 * {@code Retry-After}. If the bucket store cannot be reached the request is let through: the
 * limit protects the service, and an outage of the store must not become an outage of the API.
 */
public class RateLimitFilter extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger(RateLimitFilter.class);

    private final boolean enabled;
    private final List<RateLimitRule> rules;
    private final ProxyManager<String> buckets;
    private final ObjectMapper json;

    RateLimitFilter(RateLimitProperties properties, ProxyManager<String> buckets, ObjectMapper json) {
        this.enabled = properties.isEnabled();
        this.rules = properties.inMatchingOrder().entrySet().stream()
                .map(e -> RateLimitRule.of(e.getKey(), e.getValue()))
                .toList();
        this.buckets = buckets;
        this.json = json;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !enabled;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        PathContainer path = PathContainer.parsePath(
                request.getRequestURI().substring(request.getContextPath().length()));
        Optional<RateLimitRule> rule =
                rules.stream().filter(r -> r.matches(request.getMethod(), path)).findFirst();
        if (rule.isEmpty()) {
            chain.doFilter(request, response);
            return;
        }
        ConsumptionProbe probe;
        try {
            BucketConfiguration configuration = rule.get().configuration();
            probe = buckets.builder()
                    .build(bucketKey(rule.get(), request, path), () -> configuration)
                    .tryConsumeAndReturnRemaining(1);
        } catch (RuntimeException e) {
            log.warn("rate limit store unavailable; letting the request through", e);
            chain.doFilter(request, response);
            return;
        }
        response.setHeader("RateLimit-Limit", Long.toString(rule.get().limit()));
        response.setHeader("RateLimit-Remaining", Long.toString(probe.getRemainingTokens()));
        response.setHeader("RateLimit-Reset", Long.toString(seconds(probe.getNanosToWaitForReset())));
        response.setHeader("RateLimit-Policy", rule.get().policy());
        if (!probe.isConsumed()) {
            long retryAfter = Math.max(1, seconds(probe.getNanosToWaitForRefill()));
            response.setHeader("Retry-After", Long.toString(retryAfter));
            Problems.write(
                    response,
                    json,
                    ErrorCode.RATE_LIMITED,
                    "Too many requests; try again in " + retryAfter + " second" + (retryAfter == 1 ? "." : "s."));
            return;
        }
        chain.doFilter(request, response);
    }

    /** Whether requests to this route (a path or path template) count against a limit, and so carry its headers. */
    public boolean counts(String method, String path) {
        PathContainer container = PathContainer.parsePath(path);
        return enabled && rules.stream().anyMatch(r -> r.matches(method, container));
    }

    private static String bucketKey(RateLimitRule rule, HttpServletRequest request, PathContainer path) {
        TenantId tenant = TenantContext.current().orElse(TenantId.PLATFORM);
        String client = switch (rule.key()) {
            case CLIENT ->
                TenantContext.currentUser()
                        .map(user -> "user:" + user)
                        .orElseGet(() -> "ip:" + request.getRemoteAddr());
            case PATH -> "path:" + path.value();
            case IP -> "ip:" + request.getRemoteAddr();
        };
        return rule.name() + "|" + rule.policy() + "|" + tenant + "|" + client;
    }

    private static long seconds(long nanos) {
        return (nanos + TimeUnit.SECONDS.toNanos(1) - 1) / TimeUnit.SECONDS.toNanos(1);
    }
}
