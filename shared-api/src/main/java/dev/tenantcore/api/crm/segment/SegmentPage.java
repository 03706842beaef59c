package dev.tenantcore.api.crm.segment;

import java.util.List;

public record SegmentPage(List<SegmentSummary> items, String nextCursor) {}
