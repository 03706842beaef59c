package dev.tenantcore.infra.edge;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tenantcore.api.common.ErrorCode;
import dev.tenantcore.infra.web.Problems;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.CorsConfigurationSource;
import org.springframework.web.cors.CorsProcessor;
import org.springframework.web.cors.CorsUtils;
import org.springframework.web.cors.DefaultCorsProcessor;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Applies the {@link TenantCorsPolicy} before any other filter can answer. The edge refuses many
 * requests itself (a malformed path or {@code Accept}, a body over the limit, a suspended tenant, a
 * switched-off module, a rate limit); a browser hides every answer without
 * {@code Access-Control-Allow-Origin} from the page, so those refusals would reach the frontend as a
 * bare network error instead of a problem it can show. Here the headers are on the response before
 * any of them writes, and a preflight from a tenant's domain is answered at once, whatever the
 * tenant's state, so the browser goes on to send the request and reads its refusal.
 *
 * <p>A request the policy's configuration refuses (an origin the sign-up routes do not list, a
 * method or header a preflight may not ask for) is answered {@code 403 origin_not_allowed}, without
 * any CORS header. An origin that is no tenant's domain on a tenant route gets nothing here and goes on, so tenant resolution
 * refuses it ({@code tenant_not_found}, preflights included) and no CORS header is ever written
 * for it.
 */
final class EdgeCorsFilter extends OncePerRequestFilter {

    private final CorsConfigurationSource policy;
    private final ObjectMapper json;
    /** Refuses without writing: the filter answers with a problem instead of Spring's plain-text body. */
    private final CorsProcessor processor = new DefaultCorsProcessor() {
        @Override
        protected void rejectRequest(ServerHttpResponse response) {}
    };

    EdgeCorsFilter(CorsConfigurationSource policy, ObjectMapper json) {
        this.policy = policy;
        this.json = json;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        CorsConfiguration config = CorsUtils.isCorsRequest(request) ? policy.getCorsConfiguration(request) : null;
        if (config == null) {
            chain.doFilter(request, response);
            return;
        }
        boolean allowed = processor.processRequest(config, request, response);
        if (!allowed) {
            Problems.write(
                    response,
                    json,
                    ErrorCode.ORIGIN_NOT_ALLOWED,
                    "This origin may not call this route from a browser.");
            return;
        }
        if (CorsUtils.isPreFlightRequest(request)) {
            return;
        }
        chain.doFilter(request, response);
    }
}
