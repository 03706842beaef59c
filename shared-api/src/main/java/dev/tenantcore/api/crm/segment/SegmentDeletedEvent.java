package dev.tenantcore.api.crm.segment;

import org.axonframework.serialization.Revision;

@Revision("1")
public record SegmentDeletedEvent(SegmentId segmentId) {}
