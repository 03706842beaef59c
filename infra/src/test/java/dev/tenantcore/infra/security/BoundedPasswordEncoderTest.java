package dev.tenantcore.infra.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tenantcore.api.common.ErrorCode;
import dev.tenantcore.infra.web.RetryLaterException;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.security.crypto.password.PasswordEncoder;

@DisplayName("Bounded password hashing")
class BoundedPasswordEncoderTest {

    /** A hasher that holds every hash until released, and counts how many run at once. */
    private static final class SlowHasher implements PasswordEncoder {
        final CountDownLatch release = new CountDownLatch(1);
        final AtomicInteger running = new AtomicInteger();
        final AtomicInteger mostAtOnce = new AtomicInteger();

        @Override
        public String encode(CharSequence raw) {
            mostAtOnce.accumulateAndGet(running.incrementAndGet(), Math::max);
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                running.decrementAndGet();
            }
            return "hashed:" + raw;
        }

        @Override
        public boolean matches(CharSequence raw, String encoded) {
            return encode(raw).equals(encoded);
        }
    }

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

    @Test
    @DisplayName("never runs more hashes than its limit, and refuses as busy one that waited too long")
    void boundsConcurrentHashes() throws Exception {
        SlowHasher hasher = new SlowHasher();
        BoundedPasswordEncoder bounded = new BoundedPasswordEncoder(hasher, 2, Duration.ofMillis(100), meters);
        ExecutorService callers = Executors.newFixedThreadPool(6);
        try {
            List<CompletableFuture<Object>> calls = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                String password = "password-" + i;
                calls.add(CompletableFuture.supplyAsync(
                        () -> {
                            try {
                                return bounded.encode(password);
                            } catch (RetryLaterException busy) {
                                return busy;
                            }
                        },
                        callers));
            }
            List<Object> busy = new ArrayList<>();
            for (CompletableFuture<Object> call : calls.subList(0, 6)) {
                // The four beyond the limit give up after 100 ms, while the two hashing are held.
                Object answer = call.completeOnTimeout("still hashing", 2, TimeUnit.SECONDS)
                        .get();
                if (answer instanceof RetryLaterException e) {
                    busy.add(e);
                }
            }
            hasher.release.countDown();

            assertThat(busy).hasSize(4).allSatisfy(e -> {
                assertThat(((RetryLaterException) e).code()).isEqualTo(ErrorCode.BUSY);
                assertThat(((RetryLaterException) e).retryAfterSeconds()).isEqualTo(1);
            });
            assertThat(hasher.mostAtOnce).hasValue(2);
            assertThat(meters.get("tenantcore.password.hashing.peak").gauge().value())
                    .isEqualTo(2);
            assertThat(meters.get("tenantcore.password.hashing.refused")
                            .counter()
                            .count())
                    .isEqualTo(4);
        } finally {
            callers.shutdownNow();
        }
    }

    @Test
    @DisplayName("gives its turn back after each hash, so hashing goes on once the flood is over")
    void turnsComeBack() {
        SlowHasher released = new SlowHasher();
        released.release.countDown();
        BoundedPasswordEncoder bounded = new BoundedPasswordEncoder(released, 1, Duration.ofMillis(10), meters);

        for (int i = 0; i < 100; i++) {
            assertThat(bounded.matches("secret", bounded.encode("secret"))).isTrue();
        }
        assertThat(meters.get("tenantcore.password.hashing.active").gauge().value())
                .isZero();
    }

    @Test
    @DisplayName("a limit below one is refused at start")
    void limitMustBePositive() {
        assertThatThrownBy(() -> new BoundedPasswordEncoder(new SlowHasher(), 0, Duration.ofSeconds(1), meters))
                .isInstanceOf(IllegalStateException.class);
    }
}
