package dev.tenantcore.api.crm.segment;

import dev.tenantcore.api.common.TenantId;
import org.axonframework.serialization.Revision;

@Revision("1")
public record SegmentCreatedEvent(SegmentId segmentId, TenantId tenantId, String name, SegmentFilter filter) {}
