package dev.tenantcore.api.crm.conversation;

/** Messages newest first. */
public record ListConversationMessagesQuery(ConversationId conversationId, int limit, String cursor) {}
