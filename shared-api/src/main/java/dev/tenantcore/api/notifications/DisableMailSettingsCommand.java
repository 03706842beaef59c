package dev.tenantcore.api.notifications;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Back to the platform's default sender: the tenant's own settings stay, off, and their secret is forgotten. */
public record DisableMailSettingsCommand(
        @TargetAggregateIdentifier MailSettingsId settingsId) {}
