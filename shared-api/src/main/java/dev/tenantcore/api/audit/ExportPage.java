package dev.tenantcore.api.audit;

import java.util.List;

/** Exports newest first; {@code nextCursor} is null on the last page. */
public record ExportPage(List<ExportResponse> items, String nextCursor) {}
