package dev.tenantcore.api.notifications;

import dev.tenantcore.api.common.TenantId;
import org.axonframework.serialization.Revision;

/**
 * The tenant's own sender was saved and enabled, as it now is in full ({@code version}, counted from
 * the first setup); {@code secret} says only what happened to the secret, never what it is.
 */
@Revision("1")
public record MailSettingsChangedEvent(
        MailSettingsId settingsId, TenantId tenantId, MailSender sender, SecretChange secret, long version) {}
