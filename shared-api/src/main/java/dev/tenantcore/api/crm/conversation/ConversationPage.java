package dev.tenantcore.api.crm.conversation;

import java.util.List;

public record ConversationPage(List<ConversationResponse> items, String nextCursor) {}
