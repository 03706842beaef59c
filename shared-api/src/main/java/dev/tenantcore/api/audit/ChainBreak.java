package dev.tenantcore.api.audit;

/**
 * The event where the tenant's chain breaks: its stored bytes no longer give the stored link (it, or
 * an event before it, was altered, removed or slipped in). {@code eventId} and the rest are null when
 * the event itself is gone from the store.
 */
public record ChainBreak(
        long globalPosition, String eventId, String aggregateType, String aggregateId, Long sequence, String type) {}
