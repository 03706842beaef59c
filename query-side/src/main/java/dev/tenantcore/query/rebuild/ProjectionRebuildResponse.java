package dev.tenantcore.query.rebuild;

import java.time.Instant;
import java.util.UUID;

/**
 * A rebuild and how far it is. {@code tenantId} is null for a full rebuild (every tenant). A
 * per-tenant rebuild counts the tenant's events it replayed; a full one reports the processor's
 * position in the event store against the store's head when it began ({@code eventsReplayed} is
 * then the positions passed). {@code eventsPerSecond} is over the time since it started (until it
 * finished).
 */
public record ProjectionRebuildResponse(
        UUID id,
        String projection,
        UUID tenantId,
        String status,
        long eventsReplayed,
        double eventsPerSecond,
        Long position,
        Long headPosition,
        Instant startedAt,
        Instant finishedAt,
        String error) {}
