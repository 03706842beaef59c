package dev.tenantcore.infra.axon;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;

/**
 * Readiness of this node's event processing: down when a segment this node holds is stuck, that is,
 * in error, or behind the head of the event store without moving, for longer than {@code
 * app.processing.stall-after}. A node whose projections have stopped would otherwise keep taking
 * requests and answer from read models that no longer follow its writes.
 *
 * <p>A segment that is behind but moving is busy, not stuck (a replay, a burst): it stays up. Each
 * look remembers where every segment stood and since when, so stuck means "the same position at
 * two looks this far apart"; probes every few seconds give enough looks. Segments held by other
 * nodes are theirs to report. A look that fails (the event store unreachable) is down, as {@link
 * AbstractHealthIndicator} reports an exception, never an error answer to the probe.
 */
public class EventProcessorHealth extends AbstractHealthIndicator {

    private final EventProcessingConfiguration processing;
    private final EventStore events;
    private final Duration stallAfter;
    private final Clock clock;
    private final Map<String, Standing> standings = new ConcurrentHashMap<>();

    /** Where a segment stood when first seen there, and whether it was in error then. */
    private record Standing(long position, boolean error, Instant since) {}

    public EventProcessorHealth(
            EventProcessingConfiguration processing, EventStore events, Duration stallAfter, Clock clock) {
        this.processing = processing;
        this.events = events;
        this.stallAfter = stallAfter;
        this.clock = clock;
    }

    @Override
    protected void doHealthCheck(Health.Builder health) {
        long head = position(events.createHeadToken());
        Instant now = clock.instant();
        Map<String, Object> stuck = new LinkedHashMap<>();
        processing.eventProcessors().forEach((name, processor) -> {
            if (processor instanceof StreamingEventProcessor streaming) {
                streaming.processingStatus().forEach((segment, status) -> {
                    String key = name + "#" + segment;
                    Standing standing = look(key, status, now);
                    boolean behind = position(status) < head;
                    boolean stalled = (standing.error() || behind)
                            && Duration.between(standing.since(), now).compareTo(stallAfter) >= 0;
                    if (stalled) {
                        stuck.put(
                                key,
                                standing.error()
                                        ? "in error since " + standing.since()
                                        : "at " + standing.position() + " of " + head + " since " + standing.since());
                    }
                });
            }
        });
        (stuck.isEmpty() ? health.up() : health.down()).withDetail("head", head).withDetails(stuck);
    }

    /** The segment's standing, kept from an earlier look while it has neither moved nor changed state. */
    private Standing look(String key, EventTrackerStatus status, Instant now) {
        long position = position(status);
        boolean error = status.isErrorState();
        return standings.compute(
                key,
                (k, before) -> before != null && before.position() == position && before.error() == error
                        ? before
                        : new Standing(position, error, now));
    }

    private static long position(EventTrackerStatus status) {
        return status.getCurrentPosition().orElse(-1);
    }

    private static long position(TrackingToken token) {
        return token == null ? -1 : token.position().orElse(-1);
    }
}
