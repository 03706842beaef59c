package dev.tenantcore.api.crm.segment;

import org.axonframework.serialization.Revision;

/** The segment's name and filter as they are now. */
@Revision("1")
public record SegmentUpdatedEvent(SegmentId segmentId, String name, SegmentFilter filter) {}
