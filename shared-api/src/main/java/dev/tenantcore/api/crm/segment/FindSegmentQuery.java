package dev.tenantcore.api.crm.segment;

/** One segment with the number of contacts that meet its filter now. */
public record FindSegmentQuery(SegmentId segmentId) {}
