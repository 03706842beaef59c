package dev.tenantcore.command.payments.settings;

import dev.tenantcore.api.payments.PaymentProviderKind;
import dev.tenantcore.command.payments.provider.ProviderCredentials;
import dev.tenantcore.infra.secrets.SecretCipher;
import dev.tenantcore.infra.tenancy.TenantContext;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The current tenant's settings per provider, in {@code payment_provider_settings} under
 * row-level security. Not event-sourced on purpose: secrets must be replaceable and erasable,
 * which an append-only event log cannot promise. Secrets are stored only AES-GCM-encrypted, bound
 * to tenant, provider and field; what leaves this class for display is whether a secret is set
 * and its last four characters. Call within a transaction that knows the tenant.
 */
@Component
public class PaymentProviderSettings {

    private final JdbcTemplate jdbc;
    private final SecretCipher cipher;

    PaymentProviderSettings(JdbcTemplate jdbc, SecretCipher cipher) {
        this.jdbc = jdbc;
        this.cipher = cipher;
    }

    /** What may be shown about a provider's settings: never a secret, only its tail. */
    public record Summary(
            PaymentProviderKind provider,
            boolean enabled,
            String publishableKey,
            String accountId,
            String serverUrl,
            String secretKeyLast4,
            String webhookSecretLast4,
            Instant updatedAt) {}

    /** Manual payments are on until an owner switches them off; every other provider needs settings. */
    public Optional<Summary> find(PaymentProviderKind provider) {
        return jdbc.query("""
                        SELECT provider, enabled, publishable_key, account_id, server_url, secret_key_last4,
                               webhook_secret_last4, updated_at
                          FROM payment_provider_settings WHERE provider = ?
                        """, (rs, row) -> summary(rs), provider.wireName()).stream()
                .findFirst();
    }

    public boolean enabled(PaymentProviderKind provider) {
        return find(provider).map(Summary::enabled).orElse(provider == PaymentProviderKind.MANUAL);
    }

    /** The decrypted credentials of an enabled provider. */
    public Optional<ProviderCredentials> credentials(PaymentProviderKind provider) {
        if (!enabled(provider)) {
            return Optional.empty();
        }
        if (provider == PaymentProviderKind.MANUAL) {
            return Optional.of(ProviderCredentials.NONE);
        }
        return jdbc
                .query(
                        """
                        SELECT publishable_key, account_id, server_url, secret_key, webhook_secret
                          FROM payment_provider_settings WHERE provider = ?
                        """,
                        (rs, row) -> new ProviderCredentials(
                                rs.getString("publishable_key"),
                                open(rs.getBytes("secret_key"), provider, "secret_key"),
                                open(rs.getBytes("webhook_secret"), provider, "webhook_secret"),
                                rs.getString("account_id"),
                                rs.getString("server_url")),
                        provider.wireName())
                .stream()
                .findFirst();
    }

    /** Writes the settings; a secret left null keeps the one stored, so one can be rotated alone. */
    public void save(
            PaymentProviderKind provider,
            boolean enabled,
            String publishableKey,
            String accountId,
            String serverUrl,
            String secretKey,
            String webhookSecret,
            Instant at) {
        jdbc.update(
                """
                INSERT INTO payment_provider_settings (tenant_id, provider, enabled, publishable_key, account_id,
                       server_url, secret_key, secret_key_last4, webhook_secret, webhook_secret_last4, updated_at)
                VALUES (app_current_tenant(), ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (tenant_id, provider) DO UPDATE SET
                       enabled = EXCLUDED.enabled,
                       publishable_key = EXCLUDED.publishable_key,
                       account_id = EXCLUDED.account_id,
                       server_url = EXCLUDED.server_url,
                       secret_key = COALESCE(EXCLUDED.secret_key, payment_provider_settings.secret_key),
                       secret_key_last4 = COALESCE(EXCLUDED.secret_key_last4, payment_provider_settings.secret_key_last4),
                       webhook_secret = COALESCE(EXCLUDED.webhook_secret, payment_provider_settings.webhook_secret),
                       webhook_secret_last4 =
                           COALESCE(EXCLUDED.webhook_secret_last4, payment_provider_settings.webhook_secret_last4),
                       updated_at = EXCLUDED.updated_at
                """,
                provider.wireName(),
                enabled,
                publishableKey,
                accountId,
                serverUrl,
                seal(secretKey, provider, "secret_key"),
                last4(secretKey),
                seal(webhookSecret, provider, "webhook_secret"),
                last4(webhookSecret),
                Timestamp.from(at));
    }

    private byte[] seal(String secret, PaymentProviderKind provider, String field) {
        return secret == null ? null : cipher.encrypt(secret, context(provider, field));
    }

    private String open(byte[] sealed, PaymentProviderKind provider, String field) {
        return sealed == null ? null : cipher.decrypt(sealed, context(provider, field));
    }

    private static String context(PaymentProviderKind provider, String field) {
        String tenant = TenantContext.current()
                .orElseThrow(() -> new IllegalStateException("provider secrets need a tenant"))
                .toString();
        return "payment_provider_settings/" + tenant + "/" + provider.wireName() + "/" + field;
    }

    private static String last4(String secret) {
        return secret == null ? null : secret.substring(secret.length() - 4);
    }

    private static Summary summary(ResultSet rs) throws SQLException {
        Timestamp updated = rs.getTimestamp("updated_at");
        return new Summary(
                PaymentProviderKind.fromWireName(rs.getString("provider")),
                rs.getBoolean("enabled"),
                rs.getString("publishable_key"),
                rs.getString("account_id"),
                rs.getString("server_url"),
                rs.getString("secret_key_last4"),
                rs.getString("webhook_secret_last4"),
                updated == null ? null : updated.toInstant());
    }
}
