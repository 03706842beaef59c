package dev.tenantcore.api.crm.conversation;

import dev.tenantcore.api.common.UserId;
import dev.tenantcore.api.crm.ContactId;
import java.time.Instant;

/** A conversation as staff see it; {@code unread} counts the customer's messages since it was last read. */
public record ConversationResponse(
        ConversationId id,
        ChannelId channelId,
        ChannelKind channelKind,
        String channelUserId,
        String userName,
        ContactId contactId,
        ConversationStatus status,
        UserId assigneeId,
        int unread,
        Instant lastMessageAt,
        Instant lastInboundAt,
        long version,
        Instant createdAt,
        Instant updatedAt) {}
