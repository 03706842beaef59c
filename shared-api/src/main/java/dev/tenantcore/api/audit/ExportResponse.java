package dev.tenantcore.api.audit;

import java.time.Instant;
import java.util.UUID;

/**
 * A full export of the tenant's events. {@code status} is {@code queued}, {@code running}, {@code
 * ready} or {@code failed}; {@code manifest} is there once ready, {@code error} once failed.
 */
public record ExportResponse(
        UUID id,
        String status,
        ExportProgress progress,
        Instant createdAt,
        UUID requestedBy,
        Instant finishedAt,
        ExportManifest manifest,
        String error) {}
