package dev.tenantcore.api.crm.conversation;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Gives an unassigned conversation to the next available staff member in the inbox's round-robin
 * order, whether or not the inbox assigns new conversations by itself; an assigned one keeps its
 * assignee.
 */
public record AssignConversationInTurnCommand(
        @TargetAggregateIdentifier ConversationId conversationId) {}
