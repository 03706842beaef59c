package dev.tenantcore.infra.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tenantcore.api.common.ErrorCode;
import dev.tenantcore.infra.http.LimitedInputStream;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.annotation.Order;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses request bodies over {@code app.web.max-body-bytes} with 413, both when the client
 * declares the length and when it streams a chunked body that grows too large. A multipart upload
 * may be larger, up to {@code app.web.max-upload-bytes}: the servlet container parses it straight
 * to temporary files under the same limits ({@code spring.servlet.multipart.*}), so it never
 * reaches memory whole. Public forms, which anyone may post to, get a far smaller limit
 * ({@code app.web.public-form-max-body-bytes}): a lead is a few fields, and a large body from an
 * anonymous caller is only ever a flood.
 */
@Component
@Order(RequestSizeLimitFilter.ORDER)
public class RequestSizeLimitFilter extends OncePerRequestFilter {

    /** Right after the edge's security headers, so that a refusal carries them too. */
    public static final int ORDER = PlainRequestFilter.ORDER + 1;

    private static final String PUBLIC_FORMS = "/api/v1/public/forms/";

    private final long maxBytes;
    private final long maxUploadBytes;
    private final long publicFormMaxBytes;
    private final ObjectMapper json;

    @Autowired
    RequestSizeLimitFilter(
            @Value("${app.web.max-body-bytes:1048576}") long maxBytes,
            @Value("${app.web.max-upload-bytes:11534336}") long maxUploadBytes,
            @Value("${app.web.public-form-max-body-bytes:16384}") long publicFormMaxBytes,
            ObjectMapper json) {
        this.maxBytes = maxBytes;
        this.maxUploadBytes = maxUploadBytes;
        this.publicFormMaxBytes = publicFormMaxBytes;
        this.json = json;
    }

    RequestSizeLimitFilter(long maxBytes, long maxUploadBytes, ObjectMapper json) {
        this(maxBytes, maxUploadBytes, maxBytes, json);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long max = request.getRequestURI().startsWith(PUBLIC_FORMS)
                ? publicFormMaxBytes
                : multipart(request) ? maxUploadBytes : maxBytes;
        if (request.getContentLengthLong() > max) {
            Problems.write(
                    response, json, ErrorCode.PAYLOAD_TOO_LARGE, "The request body is larger than " + max + " bytes.");
            return;
        }
        chain.doFilter(new Limited(request, max), response);
    }

    private static boolean multipart(HttpServletRequest request) {
        String type = request.getContentType();
        return type != null && type.regionMatches(true, 0, "multipart/form-data", 0, "multipart/form-data".length());
    }

    /** Thrown while reading; Spring reports it as an unreadable message, which we map to 413. */
    public static final class BodyTooLargeException extends HttpMessageNotReadableException {
        BodyTooLargeException(long max) {
            super("The request body is larger than " + max + " bytes.", (org.springframework.http.HttpInputMessage)
                    null);
        }
    }

    private static final class Limited extends HttpServletRequestWrapper {
        private final long max;
        private ServletInputStream stream;

        Limited(HttpServletRequest request, long max) {
            super(request);
            this.max = max;
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (stream == null) {
                ServletInputStream in = super.getInputStream();
                InputStream limited = new LimitedInputStream(in, max, limit -> {
                    throw new BodyTooLargeException(limit);
                });
                stream = new ServletInputStream() {
                    @Override
                    public int read() throws IOException {
                        return limited.read();
                    }

                    @Override
                    public int read(byte[] buf, int off, int len) throws IOException {
                        return limited.read(buf, off, len);
                    }

                    @Override
                    public boolean isFinished() {
                        return in.isFinished();
                    }

                    @Override
                    public boolean isReady() {
                        return in.isReady();
                    }

                    @Override
                    public void setReadListener(ReadListener listener) {
                        in.setReadListener(listener);
                    }
                };
            }
            return stream;
        }
    }
}
