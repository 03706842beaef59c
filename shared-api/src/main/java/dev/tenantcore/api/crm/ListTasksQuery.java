package dev.tenantcore.api.crm;

import dev.tenantcore.api.common.UserId;
import java.time.Instant;

/**
 * The tenant's tasks over all contacts, oldest first: of {@code assigneeId} when given, in {@code
 * status} ({@code open}, {@code done}, null for both), due before {@code dueBefore} when given.
 */
public record ListTasksQuery(UserId assigneeId, String status, Instant dueBefore, int limit, String cursor) {}
