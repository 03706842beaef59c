package dev.tenantcore.api.audit;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * One stored event as an auditor reads it. {@code correlationId} names the message that started the
 * chain (the request's command), {@code causationId} the message that caused this one; {@code
 * clientIp} and {@code userAgent} are the request's, null for what no request caused.
 */
public record AuditEvent(
        long globalPosition,
        UUID eventId,
        String aggregateType,
        String aggregateId,
        long sequence,
        String type,
        String revision,
        Instant timestamp,
        Map<String, Object> payload,
        AuditActor actor,
        String correlationId,
        String causationId,
        String clientIp,
        String userAgent) {}
