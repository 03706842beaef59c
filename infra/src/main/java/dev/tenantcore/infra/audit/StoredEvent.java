package dev.tenantcore.infra.audit;

/** One row of the event store as stored: payload and metadata still the serializer's JSON bytes. */
public record StoredEvent(
        long globalIndex,
        String eventId,
        String aggregateType,
        String aggregateId,
        long sequence,
        String payloadType,
        String revision,
        String timestamp,
        byte[] payload,
        byte[] metaData) {}
