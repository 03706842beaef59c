package dev.tenantcore.api.crm.conversation;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;

/** Removes a label; a label it does not have changes nothing. */
public record UnlabelConversationCommand(
        @TargetAggregateIdentifier ConversationId conversationId,
        @TargetAggregateVersion Long expectedVersion,
        String label) {}
