package dev.tenantcore.api.crm;

import java.util.UUID;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** {@code expectedVersion}: the task's version (If-Match), null for any. */
public record CompleteContactTaskCommand(
        @TargetAggregateIdentifier ContactId contactId, Long expectedVersion, UUID taskId) {}
