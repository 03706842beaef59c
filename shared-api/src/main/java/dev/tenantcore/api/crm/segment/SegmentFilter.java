package dev.tenantcore.api.crm.segment;

import java.util.List;

/** Which contacts belong to a segment: active contacts meeting all (or any) of the conditions. */
public record SegmentFilter(SegmentMatch match, List<SegmentCondition> conditions) {}
