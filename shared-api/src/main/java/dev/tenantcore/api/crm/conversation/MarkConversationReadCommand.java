package dev.tenantcore.api.crm.conversation;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Staff read the conversation: its customer's messages so far stop counting as unread. */
public record MarkConversationReadCommand(
        @TargetAggregateIdentifier ConversationId conversationId) {}
