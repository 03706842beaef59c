package dev.tenantcore.api.notifications;

import dev.tenantcore.api.common.TenantId;
import org.axonframework.serialization.Revision;

/** The tenant's mails go out through the platform's default sender again; its own secret is forgotten. */
@Revision("1")
public record MailSettingsDisabledEvent(
        MailSettingsId settingsId, TenantId tenantId, SecretChange secret, long version) {}
