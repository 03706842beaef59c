package dev.tenantcore.app.support;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.stereotype.Component;

/**
 * The application's clock in tests: the system clock, moved forward by what a test asks for, so a
 * test can let days pass without waiting. A test that moves it in the shared context puts it back
 * ({@link #reset()}); a test that must not move the shared context's time imports {@link Own}.
 */
@Component
public class TestClock extends Clock {

    /** A clock of the test's own: its context is not shared, so no other test sees the time move. */
    @TestConfiguration(proxyBeanMethods = false)
    public static class Own {

        @Bean
        @Primary
        TestClock ownClock() {
            return new TestClock();
        }
    }

    private volatile Duration offset = Duration.ZERO;

    public void advance(Duration by) {
        offset = offset.plus(by);
    }

    public void reset() {
        offset = Duration.ZERO;
    }

    @Override
    public Instant instant() {
        return Instant.now().plus(offset);
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("the application works in UTC");
    }
}
