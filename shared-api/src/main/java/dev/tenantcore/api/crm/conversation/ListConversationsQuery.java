package dev.tenantcore.api.crm.conversation;

import dev.tenantcore.api.common.UserId;

/** Filters may be null; {@code unread} true keeps conversations with unread customer messages. */
public record ListConversationsQuery(
        ConversationStatus status, ChannelId channelId, UserId assigneeId, Boolean unread, int limit, String cursor) {}
