package dev.tenantcore.infra.http;

import java.net.SocketTimeoutException;
import java.time.Duration;

/**
 * One time limit for all that a piece of work sends through {@link OutboundHttp} on this thread:
 * every request it starts is cut at the earlier of its client's total timeout and this deadline,
 * connect, headers and body together, so neither a server that trickles a byte at a time nor a
 * caller that makes several requests (or an SDK that retries) can outlast it.
 *
 * <pre>{@code
 * try (OutboundDeadline deadline = OutboundDeadline.start(Duration.ofSeconds(15))) {
 *     provider.call();   // every request inside is cut when the deadline passes
 * } // afterwards deadline.passed() says whether a failure came from running out of time
 * }</pre>
 */
public final class OutboundDeadline implements AutoCloseable {

    private static final ThreadLocal<OutboundDeadline> CURRENT = new ThreadLocal<>();

    private final long endNanos;
    private final OutboundDeadline outer;

    private OutboundDeadline(long endNanos, OutboundDeadline outer) {
        this.endNanos = endNanos;
        this.outer = outer;
    }

    /** Starts a deadline {@code limit} from now for this thread; an enclosing one that ends earlier still wins. */
    public static OutboundDeadline start(Duration limit) {
        OutboundDeadline outer = CURRENT.get();
        long end = System.nanoTime() + limit.toNanos();
        if (outer != null && outer.endNanos - end < 0) {
            end = outer.endNanos;
        }
        OutboundDeadline deadline = new OutboundDeadline(end, outer);
        CURRENT.set(deadline);
        return deadline;
    }

    /** Whether the deadline has passed, so a failure inside it may be its doing. */
    public boolean passed() {
        return System.nanoTime() - endNanos >= 0;
    }

    /** Refuses to start a request once the thread's deadline has passed: nothing is sent then. */
    static void requireTimeLeft() throws SocketTimeoutException {
        OutboundDeadline deadline = CURRENT.get();
        if (deadline != null && deadline.passed()) {
            throw new SocketTimeoutException("the caller's deadline has passed");
        }
    }

    /** How long a request may take at most from now: {@code limit}, or less when the thread's deadline is nearer. */
    static long remainingMillis(long limitMillis) {
        OutboundDeadline deadline = CURRENT.get();
        if (deadline == null) {
            return limitMillis;
        }
        long left = Math.max(
                0, Duration.ofNanos(deadline.endNanos - System.nanoTime()).toMillis());
        return Math.min(limitMillis, left);
    }

    @Override
    public void close() {
        if (outer == null) {
            CURRENT.remove();
        } else {
            CURRENT.set(outer);
        }
    }
}
