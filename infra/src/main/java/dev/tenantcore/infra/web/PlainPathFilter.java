package dev.tenantcore.infra.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tenantcore.api.common.ErrorCode;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.regex.Pattern;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses request paths that read differently before and after decoding or normalising, with 400
 * {@code malformed_request}. The edge decides on the path as sent (which tenant, which module,
 * which rate limit), while Spring MVC routes the decoded, normalised one: {@code /api/v1/%69nvoices}
 * or {@code /api/v1//invoices} would pass a check for {@code /api/v1/invoices} and still reach it.
 * Every path this API serves is plain ASCII without escapes (ids, slugs, domain names, module and
 * provider names), so a path with a percent sign, a {@code ;}, a backslash, an empty segment or a
 * dot segment is never one of ours. Runs first, before anything reads the path.
 */
@Component
@Order(PlainPathFilter.ORDER)
public class PlainPathFilter extends OncePerRequestFilter {

    /** Before the size limit and everything else that reads the path. */
    public static final int ORDER = Ordered.HIGHEST_PRECEDENCE + 1;

    private static final Pattern AMBIGUOUS = Pattern.compile("[%;\\\\]|//|/\\.\\.?(/|$)|[^\\x21-\\x7e]");

    private final ObjectMapper json;

    PlainPathFilter(ObjectMapper json) {
        this.json = json;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (AMBIGUOUS.matcher(request.getRequestURI()).find()) {
            Problems.write(
                    response,
                    json,
                    ErrorCode.MALFORMED_REQUEST,
                    "The request path must be plain: no percent-encoding, ';', '\\\\', empty or dot segments.");
            return;
        }
        chain.doFilter(request, response);
    }
}
