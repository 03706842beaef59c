package dev.tenantcore.api.payments;

import java.util.Map;
import java.util.Set;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;

/**
 * New settings for a provider. Non-secret settings are replaced as given; a secret named in
 * {@code secrets} is set to the new value, one named in {@code clearedSecrets} is erased, and any
 * other keeps its stored value. {@link #toString()} never shows the values.
 */
public record ChangePaymentProviderSettingsCommand(
        @TargetAggregateIdentifier PaymentProviderSettingsId settingsId,
        @TargetAggregateVersion Long expectedVersion,
        boolean enabled,
        String publishableKey,
        String accountId,
        String serverUrl,
        Map<String, String> secrets,
        Set<String> clearedSecrets) {

    @Override
    public String toString() {
        return "ChangePaymentProviderSettingsCommand[settingsId=" + settingsId + ", enabled=" + enabled
                + ", secrets=" + (secrets == null ? Set.of() : secrets.keySet()) + ", clearedSecrets="
                + clearedSecrets + "]";
    }
}
