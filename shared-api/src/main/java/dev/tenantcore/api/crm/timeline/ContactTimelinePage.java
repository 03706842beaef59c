package dev.tenantcore.api.crm.timeline;

import java.util.List;

public record ContactTimelinePage(List<TimelineEntry> items, String nextCursor) {}
