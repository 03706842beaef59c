package dev.tenantcore.api.payments;

import dev.tenantcore.api.common.TenantId;
import dev.tenantcore.api.common.UserId;
import java.util.Set;
import org.axonframework.serialization.Revision;

/**
 * A tenant's settings for a provider as they now stand, and who changed them (the event's
 * timestamp says when). Secrets appear only by name, neither in clear nor encrypted: which were
 * set for the first time, which replaced, which cleared. The first such event creates the settings.
 */
@Revision("1")
public record PaymentProviderSettingsChangedEvent(
        PaymentProviderSettingsId settingsId,
        TenantId tenantId,
        PaymentProviderKind provider,
        boolean enabled,
        String publishableKey,
        String accountId,
        String serverUrl,
        Set<String> secretsSet,
        Set<String> secretsReplaced,
        Set<String> secretsCleared,
        UserId changedBy) {}
