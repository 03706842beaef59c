package dev.tenantcore.infra.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import java.io.InputStream;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/** The streamed path: a body that declares no length (chunked) is counted while it is read. */
class RequestSizeLimitFilterTest {

    private final RequestSizeLimitFilter filter = new RequestSizeLimitFilter(10, new ObjectMapper());

    @Test
    @DisplayName("a streamed body fails on the read that passes the limit, not before")
    void streamedBodyOverTheLimit() throws Exception {
        AtomicBoolean reached = new AtomicBoolean();
        FilterChain chain = (req, res) -> {
            InputStream in = req.getInputStream();
            assertThat(in.readNBytes(10)).hasSize(10);
            assertThatThrownBy(in::read).isInstanceOf(RequestSizeLimitFilter.BodyTooLargeException.class);
            reached.set(true);
        };
        filter.doFilter(streamed(11), new MockHttpServletResponse(), chain);
        assertThat(reached).isTrue();
    }

    @Test
    @DisplayName("a streamed body of exactly the limit reads whole")
    void streamedBodyAtTheLimit() throws Exception {
        AtomicBoolean reached = new AtomicBoolean();
        FilterChain chain = (req, res) -> {
            InputStream in = req.getInputStream();
            assertThat(in.readAllBytes()).hasSize(10);
            reached.set(true);
        };
        filter.doFilter(streamed(10), new MockHttpServletResponse(), chain);
        assertThat(reached).isTrue();
    }

    private static MockHttpServletRequest streamed(int bytes) {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/api/v1/products") {
            @Override
            public long getContentLengthLong() {
                return -1;
            }
        };
        request.setContent(new byte[bytes]);
        return request;
    }
}
