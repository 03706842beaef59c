package dev.tenantcore.api.audit;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * What a ready export holds: its events per type, the first and last global position, the SHA-256
 * (hex) and size of the {@code .ndjson.gz} file's bytes, and the tenant's hash-chain head at the
 * last event ({@code null} while the chain has not reached it). Positions are null for a tenant
 * without events.
 */
public record ExportManifest(
        UUID tenantId,
        Instant createdAt,
        long events,
        Map<String, Long> countsByType,
        Long firstGlobalPosition,
        Long lastGlobalPosition,
        String sha256,
        long bytes,
        ChainHeadResponse chainHead) {}
