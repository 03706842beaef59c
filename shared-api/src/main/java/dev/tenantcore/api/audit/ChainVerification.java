package dev.tenantcore.api.audit;

import java.util.UUID;

/**
 * What recomputing the tenant's hash chain from the event store found: {@code verified} events whose
 * stored link matches the recomputed one (from the first, without a break), the position of the last
 * chained event ({@code chainedUpTo}, 0 when none is), the events stored after it and not chained yet
 * ({@code pending}: the chain trails the store by moments), and the first event whose link does not
 * match ({@code firstBrokenAt}, null when none). {@code checkpointsVerified} counts the signed
 * checkpoints whose head the recomputation met at their position; {@code brokenCheckpoint} is the
 * first one it did not (null when none).
 */
public record ChainVerification(
        long verified,
        long chainedUpTo,
        long pending,
        ChainBreak firstBrokenAt,
        long checkpointsVerified,
        UUID brokenCheckpoint) {}
