package dev.tenantcore.api.audit;

import java.util.List;

/** Events oldest first; {@code nextCursor} is null on the last page. */
public record AuditHistoryPage(List<AuditEvent> items, String nextCursor) {}
