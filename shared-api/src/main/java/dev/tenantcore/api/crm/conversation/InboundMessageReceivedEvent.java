package dev.tenantcore.api.crm.conversation;

import java.time.Instant;
import org.axonframework.serialization.Revision;

@Revision("1")
public record InboundMessageReceivedEvent(
        ConversationId conversationId,
        MessageId messageId,
        String providerMessageId,
        String text,
        String mediaType,
        String mediaRef,
        Instant sentAt) {}
