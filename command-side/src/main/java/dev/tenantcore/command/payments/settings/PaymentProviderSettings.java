package dev.tenantcore.command.payments.settings;

import dev.tenantcore.api.payments.PaymentProviderKind;
import dev.tenantcore.api.payments.PaymentProviderSettingsChangedEvent;
import dev.tenantcore.command.payments.provider.ProviderCredentials;
import dev.tenantcore.infra.credentials.TenantCredentials;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The current tenant's settings per provider, as {@link PaymentProviderConfiguration}'s events left
 * them: the non-secret ones in {@code payment_provider_settings}, the secrets in the encrypted
 * {@link TenantCredentials}. What leaves this class for display is whether a secret is set and its
 * last four characters. Call within a transaction that knows the tenant; {@link #credentials}, which
 * callers need right before a provider call, opens a short one of its own when there is none.
 */
@Component
public class PaymentProviderSettings implements ProviderSettingsLookup {

    private static final String SECRET_KEY = "secretKey";
    private static final String WEBHOOK_SECRET = "webhookSecret";

    private final JdbcTemplate jdbc;
    private final TenantCredentials credentials;

    PaymentProviderSettings(JdbcTemplate jdbc, TenantCredentials credentials) {
        this.jdbc = jdbc;
        this.credentials = credentials;
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
            Instant updatedAt,
            long version) {}

    private record Row(
            boolean enabled,
            String publishableKey,
            String accountId,
            String serverUrl,
            Instant updatedAt,
            long version) {}

    /** Manual payments are on until an owner switches them off; every other provider needs settings. */
    public Optional<Summary> find(PaymentProviderKind provider) {
        return row(provider).map(row -> {
            Map<String, String> secrets = credentials.readAll(PaymentProviderConfiguration.scope(provider));
            return new Summary(
                    provider,
                    row.enabled(),
                    row.publishableKey(),
                    row.accountId(),
                    row.serverUrl(),
                    last4(secrets.get(SECRET_KEY)),
                    last4(secrets.get(WEBHOOK_SECRET)),
                    row.updatedAt(),
                    row.version());
        });
    }

    /** Whether the provider was ever set up, without reading its secrets. */
    boolean exists(PaymentProviderKind provider) {
        return row(provider).isPresent();
    }

    public boolean enabled(PaymentProviderKind provider) {
        return row(provider).map(Row::enabled).orElse(provider == PaymentProviderKind.MANUAL);
    }

    /** The decrypted credentials of an enabled provider. */
    @Transactional(readOnly = true)
    public Optional<ProviderCredentials> credentials(PaymentProviderKind provider) {
        if (!enabled(provider)) {
            return Optional.empty();
        }
        if (provider == PaymentProviderKind.MANUAL) {
            return Optional.of(ProviderCredentials.NONE);
        }
        return row(provider).map(row -> {
            Map<String, String> secrets = credentials.readAll(PaymentProviderConfiguration.scope(provider));
            return new ProviderCredentials(
                    row.publishableKey(),
                    secrets.get(SECRET_KEY),
                    secrets.get(WEBHOOK_SECRET),
                    row.accountId(),
                    row.serverUrl());
        });
    }

    @Override
    public void record(PaymentProviderSettingsChangedEvent change, long version, Instant at) {
        jdbc.update(
                """
                INSERT INTO payment_provider_settings (tenant_id, provider, enabled, publishable_key, account_id,
                       server_url, version, updated_at)
                VALUES (app_current_tenant(), ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (tenant_id, provider) DO UPDATE SET
                       enabled = EXCLUDED.enabled,
                       publishable_key = EXCLUDED.publishable_key,
                       account_id = EXCLUDED.account_id,
                       server_url = EXCLUDED.server_url,
                       version = EXCLUDED.version,
                       updated_at = EXCLUDED.updated_at
                """,
                change.provider().wireName(),
                change.enabled(),
                change.publishableKey(),
                change.accountId(),
                change.serverUrl(),
                version,
                Timestamp.from(at));
    }

    private Optional<Row> row(PaymentProviderKind provider) {
        return jdbc
                .query(
                        """
                        SELECT enabled, publishable_key, account_id, server_url, updated_at, version
                          FROM payment_provider_settings WHERE provider = ?
                        """,
                        (rs, i) -> new Row(
                                rs.getBoolean("enabled"),
                                rs.getString("publishable_key"),
                                rs.getString("account_id"),
                                rs.getString("server_url"),
                                rs.getTimestamp("updated_at").toInstant(),
                                rs.getLong("version")),
                        provider.wireName())
                .stream()
                .findFirst();
    }

    private static String last4(String secret) {
        return secret == null ? null : secret.substring(secret.length() - 4);
    }
}
