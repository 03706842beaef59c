package dev.tenantcore.api.crm.conversation;

import dev.tenantcore.api.media.MediaId;
import org.axonframework.serialization.Revision;

/** An inbound message's attachment is now media item {@code mediaId} of the conversation's tenant. */
@Revision("1")
public record ConversationMessageMediaStoredEvent(
        ConversationId conversationId, MessageId messageId, MediaId mediaId) {}
