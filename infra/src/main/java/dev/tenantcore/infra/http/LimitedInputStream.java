package dev.tenantcore.infra.http;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Fails the read that would pass {@code limit} bytes, so a huge body cannot fill the heap. Public
 * because inbound request bodies are limited the same way, only failing with their own error.
 */
public final class LimitedInputStream extends FilterInputStream {

    /** What the read that passes the limit raises. */
    @FunctionalInterface
    public interface Overflow {
        void exceeded(long limit) throws IOException;
    }

    private final long limit;
    private final Overflow overflow;
    private long read;

    /** An outbound response's body: passing the limit raises {@link ResponseTooLargeException}. */
    LimitedInputStream(InputStream in, long limit) {
        this(in, limit, max -> {
            throw new ResponseTooLargeException(max);
        });
    }

    public LimitedInputStream(InputStream in, long limit, Overflow overflow) {
        super(in);
        this.limit = limit;
        this.overflow = overflow;
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
            count(1);
        }
        return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int n = super.read(buffer, offset, length);
        if (n > 0) {
            count(n);
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        long skipped = super.skip(n);
        count(skipped);
        return skipped;
    }

    private void count(long n) throws IOException {
        read += n;
        if (read > limit) {
            overflow.exceeded(limit);
        }
    }
}
