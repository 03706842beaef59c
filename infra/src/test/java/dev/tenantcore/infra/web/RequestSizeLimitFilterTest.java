package dev.tenantcore.infra.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/** The streamed path: a body that declares no length (chunked) is counted while it is read. */
class RequestSizeLimitFilterTest {

    private static final int LIMIT = 10;

    private final RequestSizeLimitFilter filter = new RequestSizeLimitFilter(LIMIT, LIMIT * 4, new ObjectMapper());

    /** How far a handler behind the filter got, reading byte by byte, and what stopped it, if anything. */
    private record Read(int bytes, RuntimeException failure) {}

    @Test
    @DisplayName("a streamed body fails on the read that passes the limit, not before")
    void streamedBodyOverTheLimit() throws Exception {
        Read read = readThroughFilter(LIMIT + 1);
        assertThat(read.bytes()).isEqualTo(LIMIT);
        assertThat(read.failure()).isInstanceOf(RequestSizeLimitFilter.BodyTooLargeException.class);
    }

    @Test
    @DisplayName("a streamed body of exactly the limit reads whole")
    void streamedBodyAtTheLimit() throws Exception {
        assertThat(readThroughFilter(LIMIT)).isEqualTo(new Read(LIMIT, null));
    }

    private Read readThroughFilter(int size) throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/api/v1/products") {
            @Override
            public long getContentLengthLong() {
                return -1;
            }
        };
        request.setContent(new byte[size]);
        AtomicReference<Read> seen = new AtomicReference<>();
        filter.doFilter(request, new MockHttpServletResponse(), (req, res) -> {
            InputStream in = req.getInputStream();
            int bytes = 0;
            try {
                while (in.read() >= 0) {
                    bytes++;
                }
                seen.set(new Read(bytes, null));
            } catch (RequestSizeLimitFilter.BodyTooLargeException e) {
                seen.set(new Read(bytes, e));
            }
        });
        return seen.get();
    }
}
