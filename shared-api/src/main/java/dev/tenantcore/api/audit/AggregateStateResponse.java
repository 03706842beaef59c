package dev.tenantcore.api.audit;

import java.time.Instant;
import java.util.Map;

/**
 * An aggregate as it was after event {@code version} (its sequence number), the last event at or
 * before the instant asked for; {@code state} holds the aggregate's own fields as its event-sourcing
 * handlers left them, and {@code deleted} whether it had been deleted by then.
 */
public record AggregateStateResponse(
        String aggregateType,
        String aggregateId,
        long version,
        Instant lastEventAt,
        boolean deleted,
        Map<String, Object> state) {}
