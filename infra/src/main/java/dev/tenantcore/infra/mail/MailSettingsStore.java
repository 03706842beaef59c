package dev.tenantcore.infra.mail;

import dev.tenantcore.api.common.DomainException;
import dev.tenantcore.api.common.ErrorCode;
import dev.tenantcore.api.common.TenantId;
import dev.tenantcore.infra.credentials.TenantCredentials;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The current tenant's mail settings ({@code email_settings}) and their secret (credential store,
 * scope {@code email}, name {@code secret}). Call inside a tenant transaction.
 */
@Component
class MailSettingsStore {

    static final String SCOPE = "email";
    static final String SECRET = "secret";

    /** The settings as stored; {@code secretLast4} only, never the secret. */
    record Stored(
            boolean enabled,
            String senderName,
            String senderAddress,
            String replyTo,
            String provider,
            String smtpHost,
            Integer smtpPort,
            String smtpSecurity,
            String smtpUsername,
            long version,
            Instant updatedAt) {}

    private final JdbcTemplate jdbc;
    private final TenantCredentials credentials;
    private final MailProperties properties;

    MailSettingsStore(JdbcTemplate jdbc, TenantCredentials credentials, MailProperties properties) {
        this.jdbc = jdbc;
        this.credentials = credentials;
        this.properties = properties;
    }

    Optional<Stored> find() {
        return jdbc
                .query(
                        "SELECT enabled, sender_name, sender_address, reply_to, provider, smtp_host, smtp_port,"
                                + " smtp_security, smtp_username, version, updated_at FROM email_settings",
                        MailSettingsStore::row)
                .stream()
                .findFirst();
    }

    Optional<String> secret() {
        return credentials.read(SCOPE, SECRET);
    }

    /**
     * Writes the settings over {@code expected}, the version the caller read (0: none yet); {@code
     * secret} null keeps the stored one. Returns the new version. The version is checked in the
     * write itself, so of two changes based on the same version only the first is written: the
     * other finds no row to update and is refused with {@code version_conflict}.
     */
    long save(TenantId tenant, Stored settings, String secret, long expected) {
        long version = expected + 1;
        int written = jdbc.update(
                """
                INSERT INTO email_settings (tenant_id, enabled, sender_name, sender_address, reply_to, provider,
                    smtp_host, smtp_port, smtp_security, smtp_username, version, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, now())
                ON CONFLICT (tenant_id) DO UPDATE SET enabled = excluded.enabled,
                    sender_name = excluded.sender_name, sender_address = excluded.sender_address,
                    reply_to = excluded.reply_to, provider = excluded.provider, smtp_host = excluded.smtp_host,
                    smtp_port = excluded.smtp_port, smtp_security = excluded.smtp_security,
                    smtp_username = excluded.smtp_username, version = excluded.version,
                    updated_at = excluded.updated_at
                WHERE email_settings.version = ?
                """,
                tenant.value(),
                settings.enabled(),
                settings.senderName(),
                settings.senderAddress(),
                settings.replyTo(),
                settings.provider(),
                settings.smtpHost(),
                settings.smtpPort(),
                settings.smtpSecurity(),
                settings.smtpUsername(),
                version,
                expected);
        if (written == 0) {
            throw new DomainException(
                    ErrorCode.VERSION_CONFLICT, "The mail settings changed since version " + expected + ".");
        }
        if (secret != null) {
            credentials.put(SCOPE, SECRET, secret);
        }
        return version;
    }

    void forgetSecret() {
        credentials.remove(SCOPE, SECRET);
    }

    /** Off: the tenant's mails go out through the platform's default sender; the secret is forgotten. */
    Optional<Long> disable() {
        int changed = jdbc.update(
                "UPDATE email_settings SET enabled = false, version = version + 1, updated_at = now() WHERE enabled");
        credentials.remove(SCOPE, SECRET);
        return changed == 0 ? Optional.empty() : find().map(Stored::version);
    }

    /** The sender for the current tenant's mails: its own when enabled, else the platform's. */
    SenderSettings sender() {
        return find().filter(Stored::enabled)
                .map(this::withSecret)
                .orElseGet(() -> properties.defaultSender().settings());
    }

    /** The tenant's own settings with their secret, enabled or not, for a check. */
    Optional<SenderSettings> own() {
        return find().map(this::withSecret);
    }

    private SenderSettings withSecret(Stored s) {
        return new SenderSettings(
                s.provider(),
                s.senderName(),
                s.senderAddress(),
                s.replyTo(),
                s.smtpHost(),
                s.smtpPort(),
                s.smtpSecurity(),
                s.smtpUsername(),
                secret().orElse(null));
    }

    private static Stored row(ResultSet rs, int n) throws SQLException {
        return new Stored(
                rs.getBoolean("enabled"),
                rs.getString("sender_name"),
                rs.getString("sender_address"),
                rs.getString("reply_to"),
                rs.getString("provider"),
                rs.getString("smtp_host"),
                (Integer) rs.getObject("smtp_port"),
                rs.getString("smtp_security"),
                rs.getString("smtp_username"),
                rs.getLong("version"),
                rs.getTimestamp("updated_at").toInstant());
    }
}
