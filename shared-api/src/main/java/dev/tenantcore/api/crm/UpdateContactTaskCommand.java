package dev.tenantcore.api.crm;

import dev.tenantcore.api.common.UserId;
import java.time.Instant;
import java.util.UUID;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Changes what is given of a task: its title, due time or assignee; {@code clearDue} and {@code
 * clearAssignee} remove them. {@code expectedVersion} is the task's version (If-Match), null for any.
 */
public record UpdateContactTaskCommand(
        @TargetAggregateIdentifier ContactId contactId,
        Long expectedVersion,
        UUID taskId,
        String title,
        Instant dueAt,
        boolean clearDue,
        UserId assigneeId,
        boolean clearAssignee) {}
