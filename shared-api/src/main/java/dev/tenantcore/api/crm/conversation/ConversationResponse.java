package dev.tenantcore.api.crm.conversation;

import dev.tenantcore.api.common.UserId;
import dev.tenantcore.api.crm.ContactId;
import java.time.Instant;
import java.util.List;

/**
 * A conversation as staff see it; {@code unread} counts the customer's messages since anyone last
 * read it (one staff user's own count: {@link UnreadConversationsResponse}); {@code snoozedUntil}
 * is set while it is {@code snoozed}.
 */
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
        Instant updatedAt,
        ConversationPriority priority,
        List<String> labels,
        Instant snoozedUntil) {}
