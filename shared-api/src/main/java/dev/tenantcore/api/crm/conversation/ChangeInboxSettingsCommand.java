package dev.tenantcore.api.crm.conversation;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** {@code autoAssign}: new conversations go round-robin to the available staff. */
public record ChangeInboxSettingsCommand(
        @TargetAggregateIdentifier InboxId inboxId, boolean autoAssign) {}
