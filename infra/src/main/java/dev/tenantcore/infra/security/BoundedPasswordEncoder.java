package dev.tenantcore.infra.security;

import dev.tenantcore.api.common.ErrorCode;
import dev.tenantcore.infra.web.RetryLaterException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Hashes passwords a bounded number at a time. An Argon2 hash takes a core and 16 MB for tens of
 * milliseconds, and anyone may ask for one (a sign-in with any email costs one), so unbounded
 * hashing lets a flood of sign-ins take every core and request thread from the rest of the API. A
 * hash waits at most {@code maxWait} for its turn; after that the request is refused with
 * {@code 503 busy} and {@code Retry-After}, rather than queueing work nobody will wait for.
 *
 * <p>Meters: {@code tenantcore.password.hashing.active} (hashes running now), {@code .limit},
 * {@code .peak} (the most that ever ran at once: it reaching the limit means the bound was hit)
 * and {@code .refused}.
 */
final class BoundedPasswordEncoder implements PasswordEncoder {

    private final PasswordEncoder hasher;
    private final int limit;
    private final Semaphore turns;
    private final Duration maxWait;
    private final AtomicInteger active = new AtomicInteger();
    private final AtomicInteger peak = new AtomicInteger();
    private final Counter refused;

    BoundedPasswordEncoder(PasswordEncoder hasher, int limit, Duration maxWait, MeterRegistry meters) {
        if (limit < 1) {
            throw new IllegalStateException("app.security.sign-in.hashing.max-concurrent must be at least 1");
        }
        this.hasher = hasher;
        this.limit = limit;
        this.turns = new Semaphore(limit, true);
        this.maxWait = maxWait;
        Gauge.builder("tenantcore.password.hashing.active", active, AtomicInteger::get)
                .description("Password hashes running now")
                .register(meters);
        Gauge.builder("tenantcore.password.hashing.limit", () -> limit)
                .description("Password hashes allowed at once")
                .register(meters);
        Gauge.builder("tenantcore.password.hashing.peak", peak, AtomicInteger::get)
                .description("The most password hashes that ran at once since the start")
                .register(meters);
        this.refused = Counter.builder("tenantcore.password.hashing.refused")
                .description("Requests refused as busy because every hashing turn stayed taken")
                .register(meters);
    }

    @Override
    public String encode(CharSequence rawPassword) {
        return bounded(() -> hasher.encode(rawPassword));
    }

    @Override
    public boolean matches(CharSequence rawPassword, String encodedPassword) {
        return bounded(() -> hasher.matches(rawPassword, encodedPassword));
    }

    @Override
    public boolean upgradeEncoding(String encodedPassword) {
        return hasher.upgradeEncoding(encodedPassword);
    }

    int limit() {
        return limit;
    }

    private <T> T bounded(Supplier<T> hashing) {
        if (!takeTurn()) {
            refused.increment();
            throw new RetryLaterException(
                    ErrorCode.BUSY, "The service is busy; try again in a moment.", Duration.ofSeconds(1));
        }
        try {
            peak.accumulateAndGet(active.incrementAndGet(), Math::max);
            return hashing.get();
        } finally {
            active.decrementAndGet();
            turns.release();
        }
    }

    private boolean takeTurn() {
        try {
            return turns.tryAcquire(maxWait.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
