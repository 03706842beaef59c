package dev.tenantcore.api.crm.conversation;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;

/** Adds a label (normalised like a contact's tag); a label it already has changes nothing. */
public record LabelConversationCommand(
        @TargetAggregateIdentifier ConversationId conversationId,
        @TargetAggregateVersion Long expectedVersion,
        String label) {}
