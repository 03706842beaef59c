package dev.tenantcore.infra.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tenantcore.api.common.ErrorCode;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses, with 400 {@code malformed_request}, requests that cannot be read one way: a path that
 * reads differently before and after decoding or normalising, or an {@code Accept} header that
 * does not parse (whose problem could not even be answered in a negotiated type). The edge decides on the path as sent (which tenant, which module,
 * which rate limit), while Spring MVC routes the decoded, normalised one: {@code /api/v1/%69nvoices}
 * or {@code /api/v1//invoices} would pass a check for {@code /api/v1/invoices} and still reach it.
 * Every path this API serves is plain ASCII without escapes (ids, slugs, domain names, module and
 * provider names), so a path with a percent sign, a {@code ;}, a backslash, an empty segment or a
 * dot segment is never one of ours. It also refuses a query with an encoded NUL, a {@code Content-Type} that is not one concrete
 * media type, and a command (any method but GET, HEAD, OPTIONS, TRACE) whose {@code Accept} excludes
 * the JSON it would be answered with. Runs first, before anything reads the path or the headers.
 */
@Component
@Order(PlainRequestFilter.ORDER)
public class PlainRequestFilter extends OncePerRequestFilter {

    /** Before the size limit and everything else that reads the path. */
    public static final int ORDER = Ordered.HIGHEST_PRECEDENCE + 1;

    private static final Pattern AMBIGUOUS = Pattern.compile("[%;\\\\]|//|/\\.\\.?(/|$)|[^\\x21-\\x7e]");

    /** Spring refuses to sort more media types than this, so a longer Accept is never served. */
    private static final int MAX_ACCEPTED_TYPES = 50;

    private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS", "TRACE");

    private final ObjectMapper json;

    PlainRequestFilter(ObjectMapper json) {
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
        String query = request.getQueryString();
        if (query != null && query.contains("%00")) {
            // PostgreSQL text cannot hold NUL: a search for it would fail in the database, not be refused.
            Problems.write(
                    response, json, ErrorCode.MALFORMED_REQUEST, "Query parameters cannot contain the NUL character.");
            return;
        }
        if (!readable(request.getHeaders(HttpHeaders.ACCEPT))) {
            Problems.write(
                    response, json, ErrorCode.MALFORMED_REQUEST, "The Accept header is not a valid media type list.");
            return;
        }
        if (!concrete(request.getContentType())) {
            Problems.write(
                    response,
                    json,
                    ErrorCode.MALFORMED_REQUEST,
                    "The Content-Type header is not one concrete media type.");
            return;
        }
        if (!SAFE_METHODS.contains(request.getMethod()) && !acceptsJson(request.getHeaders(HttpHeaders.ACCEPT))) {
            // Checked before the handler runs: a command would otherwise be carried out and only its
            // answer refused (406), leaving the caller to think nothing happened.
            Problems.write(
                    response,
                    json,
                    ErrorCode.MALFORMED_REQUEST,
                    "This request is answered with application/json, which its Accept header excludes; it was not"
                            + " carried out.");
            return;
        }
        chain.doFilter(request, response);
    }

    /**
     * A body's type must be one media type without wildcards; Spring's CORS processing and message
     * conversion fail with an exception, not a refusal, on a {@code Content-Type} such as {@code *}{@code /*}.
     */
    private static boolean concrete(String contentType) {
        if (contentType == null) {
            return true;
        }
        try {
            MediaType type = MediaType.parseMediaType(contentType);
            return !type.isWildcardType() && !type.isWildcardSubtype();
        } catch (InvalidMediaTypeException e) {
            return false;
        }
    }

    /** Whether the (already readable) Accept header admits JSON or a JSON problem. */
    private static boolean acceptsJson(Enumeration<String> accept) {
        List<String> values = accept == null ? List.of() : Collections.list(accept);
        if (values.isEmpty()) {
            return true;
        }
        return MediaType.parseMediaTypes(values).stream()
                .filter(type -> type.getQualityValue() > 0)
                .anyMatch(type -> type.isCompatibleWith(MediaType.APPLICATION_JSON)
                        || type.isCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
    }

    private static boolean readable(Enumeration<String> accept) {
        List<String> values = accept == null ? List.of() : Collections.list(accept);
        if (values.isEmpty()) {
            return true;
        }
        try {
            return MediaType.parseMediaTypes(values).size() <= MAX_ACCEPTED_TYPES;
        } catch (InvalidMediaTypeException e) {
            return false;
        }
    }
}
