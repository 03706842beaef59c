package dev.tenantcore.api.audit;

import java.time.Instant;
import java.util.UUID;

/**
 * A signed checkpoint of the tenant's hash chain: after {@code count} events, the last at
 * {@code globalPosition}, the head was {@code head} (hex SHA-256). {@code jws} is the same as a
 * compact JWS (ES256) signed with the platform's checkpoint key {@code kid}, published at
 * {@code /.well-known/audit-keys.json}: keep it outside the system to check it later.
 */
public record ChainCheckpoint(
        UUID id,
        UUID tenantId,
        long count,
        long globalPosition,
        String head,
        Instant createdAt,
        String kid,
        String jws) {}
