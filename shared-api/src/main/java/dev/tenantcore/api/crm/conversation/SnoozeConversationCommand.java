package dev.tenantcore.api.crm.conversation;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;

/** Puts the conversation aside until {@code until}, when it opens again by itself. */
public record SnoozeConversationCommand(
        @TargetAggregateIdentifier ConversationId conversationId,
        @TargetAggregateVersion Long expectedVersion,
        Instant until) {}
