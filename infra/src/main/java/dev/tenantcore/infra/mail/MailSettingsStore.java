package dev.tenantcore.infra.mail;

import dev.tenantcore.api.common.TenantId;
import dev.tenantcore.api.notifications.MailSender;
import dev.tenantcore.infra.credentials.TenantCredentials;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The current tenant's mail settings ({@code email_settings}) and their secret (credential store,
 * scope {@code email}, name {@code secret}). Call inside a tenant transaction. Written only by the
 * mail settings' commands ({@link MailSenderRecords}), each of which is an event.
 */
@Component
class MailSettingsStore implements MailSenderRecords {

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

    @Override
    public Optional<Current> current() {
        return find().map(s -> new Current(s.enabled(), s.provider(), s.version(), secret().isPresent()));
    }

    @Override
    public void saved(TenantId tenant, MailSender sender, long version) {
        jdbc.update(
                """
                INSERT INTO email_settings (tenant_id, enabled, sender_name, sender_address, reply_to, provider,
                    smtp_host, smtp_port, smtp_security, smtp_username, version, updated_at)
                VALUES (?, true, ?, ?, ?, ?, ?, ?, ?, ?, ?, now())
                ON CONFLICT (tenant_id) DO UPDATE SET enabled = true,
                    sender_name = excluded.sender_name, sender_address = excluded.sender_address,
                    reply_to = excluded.reply_to, provider = excluded.provider, smtp_host = excluded.smtp_host,
                    smtp_port = excluded.smtp_port, smtp_security = excluded.smtp_security,
                    smtp_username = excluded.smtp_username, version = excluded.version,
                    updated_at = excluded.updated_at
                """,
                tenant.value(),
                sender.senderName(),
                sender.senderAddress(),
                sender.replyTo(),
                sender.provider(),
                sender.smtpHost(),
                sender.smtpPort(),
                sender.smtpSecurity(),
                sender.smtpUsername(),
                version);
    }

    @Override
    public void secretReplaced(String secret) {
        credentials.put(SCOPE, SECRET, secret);
    }

    @Override
    public void secretRemoved() {
        credentials.remove(SCOPE, SECRET);
    }

    @Override
    public void disabled(long version) {
        jdbc.update("UPDATE email_settings SET enabled = false, version = ?, updated_at = now()", version);
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
