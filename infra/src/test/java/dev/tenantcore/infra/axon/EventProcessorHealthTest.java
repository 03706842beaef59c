package dev.tenantcore.infra.axon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;
import org.axonframework.config.Configuration;
import org.axonframework.config.DefaultConfigurer;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.health.Status;

/** Real Axon processors on an in-memory event store; only the clock is the test's. */
@DisplayName("Event processor readiness")
class EventProcessorHealthTest {

    private static final Duration STALL_AFTER = Duration.ofMinutes(2);

    /** The processor's handler: fails while {@code failing}, and waits for a permit per event while {@code gated}. */
    @ProcessingGroup("projection")
    static class Projection {
        final AtomicBoolean failing = new AtomicBoolean();
        final AtomicBoolean gated = new AtomicBoolean();
        final Semaphore permits = new Semaphore(0);

        @EventHandler
        void on(String event) throws InterruptedException {
            if (failing.get()) {
                throw new IllegalStateException("the read model refuses " + event);
            }
            if (gated.get()) {
                permits.acquire();
            }
        }
    }

    static class MovableClock extends Clock {
        private volatile Instant now = Instant.parse("2026-12-03T10:00:00Z");

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }

    private final Projection projection = new Projection();
    private final MovableClock clock = new MovableClock();
    private final Configuration axon = DefaultConfigurer.defaultConfiguration()
            .configureEmbeddedEventStore(c -> new InMemoryEventStorageEngine())
            .eventProcessing(processing -> processing
                    .registerTrackingEventProcessor("projection")
                    .registerEventHandler(c -> projection)
                    // As a projection without a dead-letter queue: a failing event stops the segment.
                    .registerListenerInvocationErrorHandler("projection", c -> PropagatingErrorHandler.instance()))
            .start();
    private final EventProcessorHealth health =
            new EventProcessorHealth(axon.eventProcessingConfiguration(), axon.eventStore(), STALL_AFTER, clock);

    @AfterEach
    void stop() {
        projection.gated.set(false);
        projection.permits.release(100);
        axon.shutdown();
    }

    private void publish(String... events) {
        for (String event : events) {
            axon.eventBus().publish(GenericEventMessage.asEventMessage(event));
        }
    }

    private EventTrackerStatus segment() {
        StreamingEventProcessor processor = axon.eventProcessingConfiguration()
                .eventProcessor("projection", StreamingEventProcessor.class)
                .orElseThrow();
        await().atMost(Duration.ofSeconds(20))
                .until(() -> !processor.processingStatus().isEmpty());
        return processor.processingStatus().values().iterator().next();
    }

    private long position() {
        return segment().getCurrentPosition().orElse(-1);
    }

    @Test
    @DisplayName("is up while every segment is at the head, however long nothing happens")
    void upAtTheHead() {
        publish("a", "b");
        await().atMost(Duration.ofSeconds(20)).until(() -> position() == 1);

        assertThat(health.health().getStatus()).isEqualTo(Status.UP);
        clock.advance(STALL_AFTER.multipliedBy(10));
        assertThat(health.health().getStatus()).isEqualTo(Status.UP);
    }

    @Test
    @DisplayName("goes down when a segment stays in error past the threshold, and up again once it moves on")
    void downWhileInError() {
        projection.failing.set(true);
        publish("a");
        await().atMost(Duration.ofSeconds(20)).until(() -> segment().isErrorState());

        assertThat(health.health().getStatus()).as("in error, but only just").isEqualTo(Status.UP);
        clock.advance(STALL_AFTER);
        var down = health.health();
        assertThat(down.getStatus()).isEqualTo(Status.DOWN);
        assertThat(down.getDetails()).containsKey("projection#0");

        projection.failing.set(false);
        await().atMost(Duration.ofSeconds(30)).until(() -> !segment().isErrorState() && position() == 0);
        assertThat(health.health().getStatus()).isEqualTo(Status.UP);
    }

    @Test
    @DisplayName("stays up while a segment behind the head keeps moving, and goes down when it stops")
    void behindButMovingIsUp() {
        projection.gated.set(true);
        publish("a", "b", "c");
        assertThat(health.health().getStatus()).isEqualTo(Status.UP);

        projection.permits.release();
        await().atMost(Duration.ofSeconds(20)).until(() -> position() == 0);
        clock.advance(STALL_AFTER);
        assertThat(health.health().getStatus()).as("moved since the last look").isEqualTo(Status.UP);

        clock.advance(STALL_AFTER);
        assertThat(health.health().getStatus())
                .as("behind, and still where it was")
                .isEqualTo(Status.DOWN);
    }
}
