package dev.tenantcore.api.crm.segment;

/** One page of the contacts that meet the segment's filter now, in the order of the contact list. */
public record ListSegmentContactsQuery(SegmentId segmentId, int limit, String cursor) {}
