package dev.tenantcore.api.crm;

import dev.tenantcore.api.common.UserId;
import java.time.Instant;
import java.util.UUID;

/**
 * A task on a contact. {@code status} is {@code open} or {@code done}; {@code version} is the task's
 * version (its {@code ETag}): its contact's version when the task last changed.
 */
public record ContactTaskResponse(
        UUID id,
        ContactId contactId,
        String title,
        Instant dueAt,
        UserId assigneeId,
        String status,
        Instant completedAt,
        UserId completedBy,
        UserId createdBy,
        long version,
        Instant createdAt,
        Instant updatedAt) {}
