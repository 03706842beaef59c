package dev.tenantcore.api.crm.conversation;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Replies to the customer: text, a media URL with the text as caption, or an approved template.
 * Recorded as pending and sent by the channel after the command's transaction.
 */
public record SendMessageCommand(
        @TargetAggregateIdentifier ConversationId conversationId,
        MessageId messageId,
        String text,
        String mediaUrl,
        MessageTemplate template) {}
