package dev.tenantcore.api.crm.conversation;

public record FindConversationQuery(ConversationId conversationId) {}
