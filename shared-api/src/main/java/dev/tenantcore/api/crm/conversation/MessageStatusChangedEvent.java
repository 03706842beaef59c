package dev.tenantcore.api.crm.conversation;

import org.axonframework.serialization.Revision;

@Revision("1")
public record MessageStatusChangedEvent(
        ConversationId conversationId,
        MessageId messageId,
        MessageStatus status,
        String providerMessageId,
        String reason) {}
