package dev.tenantcore.api.crm.conversation;

import dev.tenantcore.api.common.UserId;
import org.axonframework.serialization.Revision;

/** Every inbound message up to {@code lastMessageId} was read. */
@Revision("1")
public record ConversationReadEvent(ConversationId conversationId, MessageId lastMessageId, UserId readBy) {}
