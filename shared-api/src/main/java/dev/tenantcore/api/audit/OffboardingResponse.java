package dev.tenantcore.api.audit;

import java.time.Instant;
import java.util.UUID;

/**
 * A tenant's offboarding: {@code exporting} until its export is ready, then {@code closed} (the
 * tenant closed), or {@code failed} with {@code error} (the export failed or the close was refused;
 * the tenant stays as it was).
 */
public record OffboardingResponse(
        UUID tenantId,
        String status,
        ExportResponse export,
        UUID requestedBy,
        Instant requestedAt,
        Instant closedAt,
        String error) {}
