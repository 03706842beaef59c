package dev.tenantcore.api.audit;

import java.time.Instant;
import java.util.UUID;

/**
 * A tenant's offboarding: {@code exporting} until its export is ready, then {@code closed} (the
 * tenant closed), or {@code failed} with {@code error} (the export failed or the close was refused;
 * the tenant stays as it was). With {@code shredKeys} the closed tenant's data subject keys are then
 * shredded: {@code keysShredded} says how many (null until done, or when not asked for).
 */
public record OffboardingResponse(
        UUID tenantId,
        String status,
        ExportResponse export,
        UUID requestedBy,
        Instant requestedAt,
        Instant closedAt,
        String error,
        boolean shredKeys,
        Integer keysShredded) {}
