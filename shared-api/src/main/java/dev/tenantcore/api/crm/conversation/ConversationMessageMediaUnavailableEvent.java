package dev.tenantcore.api.crm.conversation;

import org.axonframework.serialization.Revision;

/**
 * An inbound message's attachment was not stored: {@code state} is {@code too_large} (over the
 * fetch cap, nothing kept) or {@code unavailable} (the provider would not give it, or it is of a type
 * the media store does not take), {@code reason} says which.
 */
@Revision("1")
public record ConversationMessageMediaUnavailableEvent(
        ConversationId conversationId, MessageId messageId, String state, String reason) {}
