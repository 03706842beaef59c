package dev.tenantcore.api.crm.conversation;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** A note between staff in the conversation; never sent to the customer. */
public record AddPrivateNoteCommand(
        @TargetAggregateIdentifier ConversationId conversationId, MessageId messageId, String text) {}
