package dev.tenantcore.api.crm.conversation;

import dev.tenantcore.api.common.UserId;

/**
 * Filters may be null; {@code unread} true keeps conversations with unread customer messages;
 * {@code label} keeps those that carry it.
 */
public record ListConversationsQuery(
        ConversationStatus status,
        ChannelId channelId,
        UserId assigneeId,
        Boolean unread,
        int limit,
        String cursor,
        ConversationPriority priority,
        String label) {

    /** Without the priority and label filters. */
    public ListConversationsQuery(
            ConversationStatus status,
            ChannelId channelId,
            UserId assigneeId,
            Boolean unread,
            int limit,
            String cursor) {
        this(status, channelId, assigneeId, unread, limit, cursor, null, null);
    }
}
