package dev.tenantcore.api.crm.conversation;

import dev.tenantcore.api.common.UserId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;

/** Gives the conversation to a staff member; a null assignee leaves it unassigned. */
public record AssignConversationCommand(
        @TargetAggregateIdentifier ConversationId conversationId,
        @TargetAggregateVersion Long expectedVersion,
        UserId assigneeId) {}
