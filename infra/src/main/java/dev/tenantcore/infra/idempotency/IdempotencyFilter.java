package dev.tenantcore.infra.idempotency;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tenantcore.api.common.ErrorCode;
import dev.tenantcore.infra.tenancy.TenantAwareTransactionManager;
import dev.tenantcore.infra.web.Problems;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerExecutionChain;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.util.ContentCachingResponseWrapper;

/**
 * Stripe's {@code Idempotency-Key} semantics for handlers marked {@link Idempotent}.
 *
 * <p>The key is claimed, with a hash of the request, in its own short transaction before the
 * handler runs, so a concurrent duplicate finds it claimed: while the first attempt runs the
 * duplicate gets {@code 409 idempotency_in_progress}, afterwards the first response replayed
 * (marked {@code Idempotent-Replayed: true}); never a second execution. The same key with another
 * request gets {@code 422 idempotency_key_reused}. Keys belong to the tenant and the caller, live
 * {@code app.idempotency.retention} (24 h by default) and are then free again.
 *
 * <p>Whether the request's command happened decides what a failure leaves: the command's own
 * transaction marks the key {@code committed} ({@link IdempotencyClaims}). A response of 5xx or an
 * exception before that frees the key at once, so a retry runs again; after it, the response is
 * kept and replayed like any other, as Stripe keeps its 500s. A crash between claim and completion
 * leaves the key unfinished: a key never committed is taken over by a retry once
 * {@code app.idempotency.pending-lease} (a minute) has passed since the claim; a committed one then
 * answers {@code 409 idempotency_response_lost}, since its command happened and its answer is gone.
 * Within the lease either is taken for a request still running ({@code idempotency_in_progress}).
 *
 * <p>Runs after Spring Security (order -100), so it knows the caller and never stores anything
 * for a request that authentication refused.
 */
@Component
@Order(IdempotencyFilter.ORDER)
public class IdempotencyFilter extends OncePerRequestFilter {

    public static final int ORDER = 0;
    public static final String HEADER = "Idempotency-Key";
    private static final Pattern KEY = Pattern.compile("^[\\x21-\\x7E]{1,255}$");
    private static final List<String> REPLAYED_HEADERS =
            List.of("Content-Type", "Location", "ETag", "Preference-Applied");
    private static final TypeReference<Map<String, String>> HEADERS = new TypeReference<>() {};

    private final ObjectProvider<RequestMappingHandlerMapping> mappings;
    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final ObjectMapper json;
    private final Duration retention;
    private final Duration pendingLease;

    IdempotencyFilter(
            @Qualifier("requestMappingHandlerMapping") ObjectProvider<RequestMappingHandlerMapping> mappings,
            JdbcTemplate jdbc,
            TenantAwareTransactionManager transactionManager,
            ObjectMapper json,
            @Value("${app.idempotency.retention:PT24H}") Duration retention,
            @Value("${app.idempotency.pending-lease:PT1M}") Duration pendingLease) {
        this.mappings = mappings;
        this.jdbc = jdbc;
        this.transactions = new TransactionTemplate(transactionManager);
        this.json = json;
        this.retention = retention;
        this.pendingLease = pendingLease;
    }

    /** A key's record; {@code leaseOver}: claimed longer ago than any request runs, so no request holds it. */
    private record Stored(
            String requestHash, String state, boolean leaseOver, Integer status, String headers, byte[] body) {}

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String key = request.getHeader(HEADER);
        if (key == null || !isIdempotent(request)) {
            chain.doFilter(request, response);
            return;
        }
        if (!KEY.matcher(key).matches()) {
            Problems.write(
                    response,
                    json,
                    ErrorCode.VALIDATION_FAILED,
                    HEADER + " must be 1 to 255 visible ASCII characters.");
            return;
        }
        byte[] body = request.getInputStream().readAllBytes();
        String hash = hash(request, body);
        String caller = caller();
        Stored existing = transactions.execute(s -> claim(caller, key, hash));
        if (existing != null) {
            answerFrom(existing, hash, response);
            return;
        }
        ContentCachingResponseWrapper recorded = new ContentCachingResponseWrapper(response);
        boolean answered = false;
        IdempotencyClaims.hold(new IdempotencyClaims.Claim(caller, key));
        try {
            chain.doFilter(new CachedBodyRequest(request, body), recorded);
            answered = true;
        } finally {
            IdempotencyClaims.release();
            boolean hasAnswer = answered;
            transactions.executeWithoutResult(s -> finish(caller, key, recorded, hasAnswer));
            recorded.copyBodyToResponse();
        }
    }

    private boolean isIdempotent(HttpServletRequest request) {
        try {
            RequestMappingHandlerMapping mapping = mappings.getIfAvailable();
            HandlerExecutionChain handler = mapping == null ? null : mapping.getHandler(request);
            return handler != null
                    && handler.getHandler() instanceof HandlerMethod method
                    && method.hasMethodAnnotation(Idempotent.class);
        } catch (Exception e) {
            // No handler matches (wrong method, media type...): Spring MVC answers that itself.
            return false;
        }
    }

    /** Claims the key and returns null, or returns the record that holds it (an expired one is taken over). */
    private Stored claim(String caller, String key, String hash) {
        int claimed =
                jdbc.update("""
                INSERT INTO idempotency_keys (tenant_id, caller, key, request_hash, state, created_at, expires_at)
                VALUES (app_current_tenant(), ?, ?, ?, 'pending', now(), now() + make_interval(secs => ?))
                ON CONFLICT (tenant_id, caller, key) DO UPDATE
                   SET request_hash = EXCLUDED.request_hash, state = 'pending', response_status = NULL,
                       response_headers = NULL, response_body = NULL, created_at = EXCLUDED.created_at,
                       expires_at = EXCLUDED.expires_at
                 WHERE idempotency_keys.expires_at < now()
                    OR (idempotency_keys.state = 'pending'
                        AND idempotency_keys.created_at < now() - make_interval(secs => ?))
                """, caller, key, hash, (double) retention.toSeconds(), (double) pendingLease.toSeconds());
        if (claimed == 1) {
            return null;
        }
        return jdbc
                .query(
                        """
                        SELECT request_hash, state, created_at < now() - make_interval(secs => ?) AS lease_over,
                               response_status, response_headers::text AS headers, response_body
                          FROM idempotency_keys WHERE caller = ? AND key = ?
                        """,
                        (rs, row) -> new Stored(
                                rs.getString("request_hash"),
                                rs.getString("state"),
                                rs.getBoolean("lease_over"),
                                (Integer) rs.getObject("response_status"),
                                rs.getString("headers"),
                                rs.getBytes("response_body")),
                        (double) pendingLease.toSeconds(),
                        caller,
                        key)
                .stream()
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("idempotency key neither claimed nor found"));
    }

    private void answerFrom(Stored stored, String hash, HttpServletResponse response) throws IOException {
        if (!stored.requestHash().equals(hash)) {
            Problems.write(
                    response,
                    json,
                    ErrorCode.IDEMPOTENCY_KEY_REUSED,
                    "This " + HEADER + " was used with a different request.");
            return;
        }
        if ("committed".equals(stored.state()) && stored.leaseOver()) {
            Problems.write(
                    response,
                    json,
                    ErrorCode.IDEMPOTENCY_RESPONSE_LOST,
                    "The request with this " + HEADER + " was carried out, but its answer was lost;"
                            + " look the resource up instead of retrying.");
            return;
        }
        if (!"complete".equals(stored.state())) {
            Problems.write(
                    response,
                    json,
                    ErrorCode.IDEMPOTENCY_IN_PROGRESS,
                    "A request with this " + HEADER + " is still being processed; retry later.");
            return;
        }
        response.setStatus(stored.status());
        if (stored.headers() != null) {
            json.readValue(stored.headers(), HEADERS).forEach(response::setHeader);
        }
        response.setHeader("Idempotent-Replayed", "true");
        if (stored.body() != null && stored.body().length > 0) {
            response.getOutputStream().write(stored.body());
        }
    }

    /**
     * Keeps the answer of a request that succeeded, or whose command committed whatever it answered
     * after; frees the key of one that failed before its command committed. A request that ended in
     * an exception after its command committed has no answer to keep: its key stays committed.
     */
    private void finish(String caller, String key, ContentCachingResponseWrapper recorded, boolean answered) {
        if (answered && recorded.getStatus() < 500) {
            complete(caller, key, recorded);
        } else if (release(caller, key) == 0 && answered) {
            complete(caller, key, recorded);
        }
    }

    private void complete(String caller, String key, ContentCachingResponseWrapper recorded) {
        Map<String, String> headers = new LinkedHashMap<>();
        for (String name : REPLAYED_HEADERS) {
            String value = name.equals("Content-Type") ? recorded.getContentType() : recorded.getHeader(name);
            if (value != null) {
                headers.put(name, value);
            }
        }
        String headerJson;
        try {
            headerJson = json.writeValueAsString(headers);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write response headers", e);
        }
        jdbc.update("""
                UPDATE idempotency_keys
                   SET state = 'complete', response_status = ?, response_headers = CAST(? AS jsonb), response_body = ?
                 WHERE caller = ? AND key = ?
                """, recorded.getStatus(), headerJson, recorded.getContentAsByteArray(), caller, key);
    }

    /** Frees a key whose command never committed; answers how many it freed (0 for a committed key). */
    private int release(String caller, String key) {
        return jdbc.update(
                "DELETE FROM idempotency_keys WHERE caller = ? AND key = ? AND state = 'pending'", caller, key);
    }

    private static String caller() {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        if (auth == null || auth instanceof AnonymousAuthenticationToken || !auth.isAuthenticated()) {
            return "anonymous";
        }
        return auth.getClass().getSimpleName() + ":" + auth.getName();
    }

    private static String hash(HttpServletRequest request, byte[] body) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            String target = request.getMethod() + " " + request.getRequestURI() + "?"
                    + (request.getQueryString() == null ? "" : request.getQueryString()) + "\n";
            sha.update(target.getBytes(StandardCharsets.UTF_8));
            sha.update(body);
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing", e);
        }
    }

    /** The request with its body already read, so the handler can read it again. */
    private static final class CachedBodyRequest extends HttpServletRequestWrapper {
        private final byte[] body;

        CachedBodyRequest(HttpServletRequest request, byte[] body) {
            super(request);
            this.body = body;
        }

        @Override
        public ServletInputStream getInputStream() {
            ByteArrayInputStream in = new ByteArrayInputStream(body);
            return new ServletInputStream() {
                @Override
                public boolean isFinished() {
                    return in.available() == 0;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    throw new UnsupportedOperationException("synchronous reads only");
                }

                @Override
                public int read() {
                    return in.read();
                }

                @Override
                public int read(byte[] b, int off, int len) {
                    return in.read(b, off, len);
                }
            };
        }

        @Override
        public BufferedReader getReader() {
            String encoding = getCharacterEncoding();
            return new BufferedReader(new InputStreamReader(
                    getInputStream(),
                    encoding == null ? StandardCharsets.UTF_8 : java.nio.charset.Charset.forName(encoding)));
        }

        @Override
        public int getContentLength() {
            return body.length;
        }

        @Override
        public long getContentLengthLong() {
            return body.length;
        }
    }
}
