package dev.tenantcore.api.crm.conversation;

import dev.tenantcore.api.common.UserId;
import org.axonframework.serialization.Revision;

/** {@code assigneeId} null: unassigned. */
@Revision("1")
public record ConversationAssignedEvent(ConversationId conversationId, UserId assigneeId, UserId assignedBy) {}
