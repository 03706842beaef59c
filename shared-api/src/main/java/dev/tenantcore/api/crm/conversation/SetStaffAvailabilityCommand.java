package dev.tenantcore.api.crm.conversation;

import dev.tenantcore.api.common.UserId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** A staff member takes new conversations from the round-robin ({@code available}) or stops taking them. */
public record SetStaffAvailabilityCommand(
        @TargetAggregateIdentifier InboxId inboxId, UserId userId, boolean available) {}
