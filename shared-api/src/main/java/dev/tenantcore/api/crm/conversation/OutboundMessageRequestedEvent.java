package dev.tenantcore.api.crm.conversation;

import dev.tenantcore.api.common.UserId;
import org.axonframework.serialization.Revision;

/** Staff asked for a message to be sent; it is pending until the channel answers. */
@Revision("1")
public record OutboundMessageRequestedEvent(
        ConversationId conversationId,
        MessageId messageId,
        ChannelId channelId,
        ChannelKind kind,
        String channelUserId,
        String text,
        String mediaUrl,
        MessageTemplate template,
        UserId authorId) {}
