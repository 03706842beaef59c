package dev.tenantcore.api.crm.conversation;

import java.util.List;

public record ConversationMessagePage(List<ConversationMessage> items, String nextCursor) {}
