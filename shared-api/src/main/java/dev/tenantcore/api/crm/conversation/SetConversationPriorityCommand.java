package dev.tenantcore.api.crm.conversation;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;

public record SetConversationPriorityCommand(
        @TargetAggregateIdentifier ConversationId conversationId,
        @TargetAggregateVersion Long expectedVersion,
        ConversationPriority priority) {}
