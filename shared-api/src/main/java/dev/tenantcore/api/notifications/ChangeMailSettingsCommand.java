package dev.tenantcore.api.notifications;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Sets a tenant's own mail sender up, or changes it, and enables it. {@code expectedVersion} is the
 * settings' version the change is based on (null: none named); {@code secret}, the SMTP password or
 * SendGrid key, null to keep the stored one. The secret goes to the credential store only, never into
 * an event, and {@link #toString()} leaves it out.
 */
public record ChangeMailSettingsCommand(
        @TargetAggregateIdentifier MailSettingsId settingsId, Long expectedVersion, MailSender sender, String secret) {

    @Override
    public String toString() {
        return "ChangeMailSettingsCommand[settingsId=" + settingsId + ", expectedVersion=" + expectedVersion
                + ", provider=" + (sender == null ? null : sender.provider()) + ", secret="
                + (secret == null ? "none" : "given") + "]";
    }
}
