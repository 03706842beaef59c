package dev.tenantcore.api.payments;

import java.util.Map;
import java.util.Set;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * A tenant's first settings for {@code provider}. {@code secrets} holds new secret values by name
 * ({@code secretKey}, {@code webhookSecret}); they go to the encrypted credential store, never into
 * an event. {@link #toString()} never shows them.
 */
public record SetUpPaymentProviderCommand(
        @TargetAggregateIdentifier PaymentProviderSettingsId settingsId,
        PaymentProviderKind provider,
        boolean enabled,
        String publishableKey,
        String accountId,
        String serverUrl,
        Map<String, String> secrets) {

    @Override
    public String toString() {
        return "SetUpPaymentProviderCommand[settingsId=" + settingsId + ", provider=" + provider + ", enabled="
                + enabled + ", secrets=" + (secrets == null ? Set.of() : secrets.keySet()) + "]";
    }
}
