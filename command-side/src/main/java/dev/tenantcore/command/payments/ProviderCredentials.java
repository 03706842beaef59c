package dev.tenantcore.command.payments;

/**
 * A tenant's decrypted credentials for one provider. Held only for the length of a call;
 * {@link #toString()} never shows the secrets, so they cannot reach a log by accident.
 */
public record ProviderCredentials(String publishableKey, String secretKey, String webhookSecret, String accountId) {

    public static final ProviderCredentials NONE = new ProviderCredentials(null, null, null, null);

    @Override
    public String toString() {
        return "ProviderCredentials[publishableKey=" + publishableKey + ", accountId=" + accountId + "]";
    }
}
