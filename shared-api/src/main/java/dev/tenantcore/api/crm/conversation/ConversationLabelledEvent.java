package dev.tenantcore.api.crm.conversation;

import org.axonframework.serialization.Revision;

@Revision("1")
public record ConversationLabelledEvent(ConversationId conversationId, String label) {}
