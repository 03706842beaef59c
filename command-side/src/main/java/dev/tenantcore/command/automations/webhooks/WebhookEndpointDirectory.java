package dev.tenantcore.command.automations.webhooks;

import dev.tenantcore.api.automations.PublicEventType;
import dev.tenantcore.api.automations.webhooks.WebhookEndpointId;
import dev.tenantcore.api.common.UserId;
import dev.tenantcore.infra.credentials.TenantCredentials;
import dev.tenantcore.infra.mail.MailOutbox;
import dev.tenantcore.infra.mail.MailTemplate;
import dev.tenantcore.infra.mail.OutgoingMail;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The current tenant's webhook endpoints as their aggregates' commands left them ({@code
 * outbound_webhook_endpoints}, written in the command transaction), and their signing secrets in the
 * encrypted {@link TenantCredentials} under {@link #scope}: {@code current}, and {@code previous}
 * for the overlap after a rotation. Call inside a transaction bound to the tenant.
 */
@Component
public class WebhookEndpointDirectory {

    static final String CURRENT = "current";
    static final String PREVIOUS = "previous";

    private final JdbcTemplate jdbc;
    private final TenantCredentials credentials;
    private final MailOutbox mail;
    private final WebhookReceivers receivers;

    WebhookEndpointDirectory(
            JdbcTemplate jdbc, TenantCredentials credentials, MailOutbox mail, WebhookReceivers receivers) {
        this.jdbc = jdbc;
        this.credentials = credentials;
        this.mail = mail;
        this.receivers = receivers;
    }

    /** An endpoint; never its secrets. An empty {@code eventTypes} receives every event. */
    public record Endpoint(
            WebhookEndpointId id,
            String url,
            Set<PublicEventType> eventTypes,
            String description,
            boolean enabled,
            String disabledReason,
            Instant previousSecretUntil,
            Instant failingSince,
            long version,
            Instant createdAt,
            Instant updatedAt) {

        boolean receives(PublicEventType type) {
            return eventTypes.isEmpty() || eventTypes.contains(type);
        }
    }

    static String scope(WebhookEndpointId id) {
        return "automations.webhooks." + id.value();
    }

    void registered(
            WebhookEndpointId id,
            String url,
            Set<PublicEventType> types,
            String description,
            boolean enabled,
            UserId by,
            String secret,
            Instant at) {
        // An endpoint added, enabled or given more types takes the events committed after this.
        receivers.changed();
        jdbc.update(
                """
                INSERT INTO outbound_webhook_endpoints (tenant_id, id, url, event_types, description, enabled, registered_by,
                    version, created_at, updated_at)
                VALUES (app_current_tenant(), ?, ?, ?, ?, ?, ?, 0, ?, ?)
                """,
                id.value(),
                url,
                names(types),
                description,
                enabled,
                by == null ? null : by.value(),
                Timestamp.from(at),
                Timestamp.from(at));
        credentials.put(scope(id), CURRENT, secret);
    }

    void updated(
            WebhookEndpointId id,
            String url,
            Set<PublicEventType> types,
            String description,
            boolean enabled,
            long version,
            Instant at) {
        // An endpoint added, enabled or given more types takes the events committed after this.
        receivers.changed();
        // Switching an endpoint on again starts its failure clock afresh.
        jdbc.update(
                """
                UPDATE outbound_webhook_endpoints SET url = ?, event_types = ?, description = ?,
                       failing_since = CASE WHEN ? AND NOT enabled THEN NULL ELSE failing_since END,
                       disabled_reason = CASE WHEN ? THEN NULL ELSE disabled_reason END,
                       enabled = ?, version = ?, updated_at = ?
                 WHERE id = ?
                """,
                url,
                names(types),
                description,
                enabled,
                enabled,
                enabled,
                version,
                Timestamp.from(at),
                id.value());
    }

    void rotated(WebhookEndpointId id, String secret, Instant previousValidUntil, long version) {
        credentials.read(scope(id), CURRENT).ifPresent(old -> credentials.put(scope(id), PREVIOUS, old));
        credentials.put(scope(id), CURRENT, secret);
        jdbc.update(
                "UPDATE outbound_webhook_endpoints SET previous_secret_until = ?, version = ?, updated_at = now() WHERE id = ?",
                Timestamp.from(previousValidUntil),
                version,
                id.value());
    }

    /** Switches the endpoint off and mails the tenant's owners, once per failing stretch. */
    void disabledForFailures(WebhookEndpointId id, Instant failingSince, long version) {
        Optional<Endpoint> endpoint = find(id);
        jdbc.update(
                "UPDATE outbound_webhook_endpoints SET enabled = false, disabled_reason = 'failing', version = ?,"
                        + " updated_at = now() WHERE id = ?",
                version,
                id.value());
        if (endpoint.isEmpty()) {
            return;
        }
        List<String> owners = jdbc.queryForList(
                "SELECT email FROM user_credentials WHERE role = 'owner' AND active AND NOT suspended ORDER BY email",
                String.class);
        for (String owner : owners) {
            mail.enqueue(OutgoingMail.to(
                    owner,
                    "webhook-disabled:" + id.value() + ":" + failingSince.toEpochMilli() + ":" + owner,
                    MailTemplate.WEBHOOK_ENDPOINT_DISABLED,
                    Map.of("url", endpoint.get().url(), "failingSince", failingSince.toString())));
        }
    }

    void deleted(WebhookEndpointId id) {
        jdbc.update("DELETE FROM outbound_webhook_endpoints WHERE id = ?", id.value());
        credentials.readAll(scope(id)).keySet().forEach(name -> credentials.remove(scope(id), name));
    }

    public Optional<Endpoint> find(WebhookEndpointId id) {
        return jdbc
                .query(
                        "SELECT * FROM outbound_webhook_endpoints WHERE id = ?",
                        WebhookEndpointDirectory::endpoint,
                        id.value())
                .stream()
                .findFirst();
    }

    public List<Endpoint> list() {
        return jdbc.query(
                "SELECT * FROM outbound_webhook_endpoints ORDER BY created_at, id", WebhookEndpointDirectory::endpoint);
    }

    /** The enabled endpoints that receive {@code type}. */
    List<Endpoint> receiving(PublicEventType type) {
        return jdbc.query(
                "SELECT * FROM outbound_webhook_endpoints WHERE enabled AND (event_types = '{}' OR ? = ANY (event_types))"
                        + " ORDER BY id",
                WebhookEndpointDirectory::endpoint,
                type.wireName());
    }

    /** The secrets that sign a delivery now: the current one, and the previous one during its overlap. */
    List<String> signingSecrets(Endpoint endpoint, Instant now) {
        List<String> secrets = new ArrayList<>();
        credentials.read(scope(endpoint.id()), CURRENT).ifPresent(secrets::add);
        if (endpoint.previousSecretUntil() != null && now.isBefore(endpoint.previousSecretUntil())) {
            credentials.read(scope(endpoint.id()), PREVIOUS).ifPresent(secrets::add);
        }
        return secrets;
    }

    /** Records an attempt's outcome for the endpoint's failure clock; answers when it has been failing since. */
    Instant attempted(WebhookEndpointId id, boolean delivered, Instant at) {
        if (delivered) {
            jdbc.update("UPDATE outbound_webhook_endpoints SET failing_since = NULL WHERE id = ?", id.value());
            return null;
        }
        return jdbc.queryForObject(
                "UPDATE outbound_webhook_endpoints SET failing_since = coalesce(failing_since, ?) WHERE id = ?"
                        + " RETURNING failing_since",
                (rs, i) -> rs.getTimestamp(1).toInstant(),
                Timestamp.from(at),
                id.value());
    }

    private static String[] names(Set<PublicEventType> types) {
        return new TreeSet<>(types.stream().map(PublicEventType::wireName).toList()).toArray(String[]::new);
    }

    private static Endpoint endpoint(ResultSet rs, int row) throws SQLException {
        Array array = rs.getArray("event_types");
        Set<PublicEventType> types = EnumSet.noneOf(PublicEventType.class);
        Arrays.stream((String[]) array.getArray())
                .forEach(name -> PublicEventType.named(name).ifPresent(types::add));
        return new Endpoint(
                new WebhookEndpointId(rs.getObject("id", UUID.class)),
                rs.getString("url"),
                types,
                rs.getString("description"),
                rs.getBoolean("enabled"),
                rs.getString("disabled_reason"),
                instant(rs, "previous_secret_until"),
                instant(rs, "failing_since"),
                rs.getLong("version"),
                instant(rs, "created_at"),
                instant(rs, "updated_at"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp value = rs.getTimestamp(column);
        return value == null ? null : value.toInstant();
    }
}
