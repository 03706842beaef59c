package dev.tenantcore.command.payments.provider;

/**
 * A tenant's decrypted credentials for one provider. Held only for the length of a call;
 * {@link #toString()} never shows the secrets, so they cannot reach a log by accident. {@code
 * serverUrl} is where a self-hosted provider (BTCPay Server) lives; it is not a secret.
 */
public record ProviderCredentials(
        String publishableKey, String secretKey, String webhookSecret, String accountId, String serverUrl) {

    public static final ProviderCredentials NONE = new ProviderCredentials(null, null, null, null, null);

    @Override
    public String toString() {
        return "ProviderCredentials[publishableKey=" + publishableKey + ", accountId=" + accountId + ", serverUrl="
                + serverUrl + "]";
    }
}
