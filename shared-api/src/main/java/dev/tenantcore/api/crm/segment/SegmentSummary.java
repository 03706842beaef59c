package dev.tenantcore.api.crm.segment;

import java.time.Instant;

/** A segment in a list: without its member count, which only reading the one segment computes. */
public record SegmentSummary(
        SegmentId id, String name, SegmentFilter filter, long version, Instant createdAt, Instant updatedAt) {}
