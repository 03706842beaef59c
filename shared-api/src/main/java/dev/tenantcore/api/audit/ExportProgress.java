package dev.tenantcore.api.audit;

/** How far an export got: events written and compressed bytes so far (the totals once ready). */
public record ExportProgress(long events, long bytes) {}
