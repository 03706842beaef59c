package dev.tenantcore.api.crm.conversation;

import dev.tenantcore.api.common.UserId;

/** What {@code user} has not read yet. */
public record FindUnreadConversationsQuery(UserId user) {}
