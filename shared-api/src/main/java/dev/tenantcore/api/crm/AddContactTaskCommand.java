package dev.tenantcore.api.crm;

import dev.tenantcore.api.common.UserId;
import java.time.Instant;
import java.util.UUID;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** A task about the contact: to do by {@code dueAt} (optional), by {@code assigneeId} (optional, staff). */
public record AddContactTaskCommand(
        @TargetAggregateIdentifier ContactId contactId, UUID taskId, String title, Instant dueAt, UserId assigneeId) {}
