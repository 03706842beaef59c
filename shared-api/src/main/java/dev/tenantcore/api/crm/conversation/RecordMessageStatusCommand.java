package dev.tenantcore.api.crm.conversation;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * What the channel says about an outbound message, named by our {@code messageId} (the send's own
 * answer) or by the provider's id (a status webhook). Statuses only move forward; a repeat or a
 * late one changes nothing. {@code reason} explains a failure.
 */
public record RecordMessageStatusCommand(
        @TargetAggregateIdentifier ConversationId conversationId,
        MessageId messageId,
        String providerMessageId,
        MessageStatus status,
        String reason) {}
