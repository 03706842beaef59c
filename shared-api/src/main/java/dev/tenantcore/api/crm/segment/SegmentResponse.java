package dev.tenantcore.api.crm.segment;

import java.time.Instant;

/** A segment, with {@code contacts}: how many contacts meet its filter at the moment of reading. */
public record SegmentResponse(
        SegmentId id,
        String name,
        SegmentFilter filter,
        long contacts,
        long version,
        Instant createdAt,
        Instant updatedAt) {}
