package dev.tenantcore.api.automations;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * One published event as its subscribers receive it (a webhook body, a live-stream frame, the input
 * of an automation rule's condition). {@code id} is the stored event's id: the same event always has
 * the same id, so a receiver can drop a redelivery. {@code position} orders a tenant's events (a
 * live stream resumes after the last one it saw); {@code data} is the domain event's fields as JSON.
 */
public record PublicEvent(
        UUID id,
        PublicEventType type,
        int version,
        Instant occurredAt,
        UUID tenantId,
        String aggregateType,
        String aggregateId,
        long position,
        Map<String, Object> data) {

    /** The envelope's version; raised when a published event's fields change incompatibly. */
    public static final int ENVELOPE_VERSION = 1;
}
