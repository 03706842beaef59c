package dev.tenantcore.command.crm.channel;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tenantcore.api.common.TenantId;
import dev.tenantcore.api.crm.conversation.ChannelId;
import dev.tenantcore.api.crm.conversation.ChannelKind;
import dev.tenantcore.infra.credentials.TenantCredentials;
import java.security.SecureRandom;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The current tenant's channels as their aggregates' commands left them ({@code crm_channels},
 * written in the command transaction), their secrets in the encrypted {@link TenantCredentials}
 * under {@link #scope}, and each channel's inbound endpoint id ({@code platform_channel_endpoints}):
 * a random id that names a channel, and so a tenant, only once that channel's secret verified a
 * delivery. Call inside a transaction bound to the tenant, except {@link #endpoint}, which is how a
 * delivery finds its tenant in the first place.
 */
@Component
public class ChannelDirectory {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final ObjectMapper JSON = new ObjectMapper();

    private final JdbcTemplate jdbc;
    private final TenantCredentials credentials;

    ChannelDirectory(JdbcTemplate jdbc, TenantCredentials credentials) {
        this.jdbc = jdbc;
        this.credentials = credentials;
    }

    /** A connected channel; never its secrets. */
    public record Channel(
            ChannelId id,
            ChannelKind kind,
            String name,
            String accountId,
            String endpointId,
            long version,
            Instant createdAt,
            Instant updatedAt,
            Map<String, String> settings) {

        public Channel {
            settings = settings == null ? Map.of() : Map.copyOf(settings);
        }
    }

    /** Whose channel an endpoint id names. */
    public record Endpoint(TenantId tenant, ChannelId channel) {}

    /** Where a channel's secrets are filed in the credential store. */
    public static String scope(ChannelId channel) {
        return "crm.channel." + channel.value();
    }

    /** Records a channel connected or changed, giving it an endpoint id the first time. */
    void record(ChannelId id, ChannelKind kind, String name, String accountId, long version, Instant at) {
        jdbc.update("""
                INSERT INTO crm_channels (tenant_id, id, kind, name, account_id, version, created_at, updated_at)
                VALUES (app_current_tenant(), ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (tenant_id, id) DO UPDATE SET
                       name = EXCLUDED.name, account_id = EXCLUDED.account_id,
                       version = EXCLUDED.version, updated_at = EXCLUDED.updated_at
                """, id.value(), kind.wireName(), name, accountId, version, Timestamp.from(at), Timestamp.from(at));
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        jdbc.update("""
                INSERT INTO platform_channel_endpoints (endpoint_id, owner_tenant, channel_id, created_at)
                VALUES (?, app_current_tenant(), ?, ?) ON CONFLICT (owner_tenant, channel_id) DO NOTHING
                """, Base64.getUrlEncoder().withoutPadding().encodeToString(bytes), id.value(), Timestamp.from(at));
    }

    /** Records the settings of a channel whose kind has some (after {@link #record}). */
    void recordSettings(ChannelId id, Map<String, String> settings) {
        try {
            jdbc.update(
                    "UPDATE crm_channels SET settings = ?::jsonb WHERE id = ?",
                    JSON.writeValueAsString(settings),
                    id.value());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Forgets a disconnected channel: its row, its endpoint (deliveries to it are refused) and its secrets. */
    void remove(ChannelId id) {
        jdbc.update("DELETE FROM crm_channels WHERE id = ?", id.value());
        jdbc.update(
                "DELETE FROM platform_channel_endpoints WHERE owner_tenant = app_current_tenant() AND channel_id = ?",
                id.value());
        credentials.readAll(scope(id)).keySet().forEach(name -> credentials.remove(scope(id), name));
    }

    void storeSecrets(ChannelId id, java.util.Map<String, String> secrets) {
        secrets.forEach((name, value) -> credentials.put(scope(id), name, value));
    }

    public Optional<Channel> find(ChannelId id) {
        return jdbc.query("""
                        SELECT c.*, e.endpoint_id FROM crm_channels c
                          LEFT JOIN platform_channel_endpoints e
                                 ON e.owner_tenant = c.tenant_id AND e.channel_id = c.id
                         WHERE c.id = ?
                        """, ChannelDirectory::channel, id.value()).stream().findFirst();
    }

    public List<Channel> list() {
        return jdbc.query("""
                SELECT c.*, e.endpoint_id FROM crm_channels c
                  LEFT JOIN platform_channel_endpoints e ON e.owner_tenant = c.tenant_id AND e.channel_id = c.id
                 ORDER BY c.created_at, c.id
                """, ChannelDirectory::channel);
    }

    /** The channel with its decrypted secrets, for the length of one call. */
    public Optional<ChannelCredentials> credentials(ChannelId id) {
        return find(id).map(channel -> new ChannelCredentials(
                channel.accountId(), credentials.readAll(scope(id)), channel.settings(), channel.id()));
    }

    /** The tenant and channel an endpoint id names; no tenant needs to be entered. */
    public Optional<Endpoint> endpoint(String endpointId) {
        if (endpointId == null || endpointId.length() > 64) {
            return Optional.empty();
        }
        return jdbc
                .query(
                        "SELECT owner_tenant, channel_id FROM platform_channel_endpoints WHERE endpoint_id = ?",
                        (rs, i) -> new Endpoint(
                                new TenantId(rs.getObject("owner_tenant", UUID.class)),
                                new ChannelId(rs.getObject("channel_id", UUID.class))),
                        endpointId)
                .stream()
                .findFirst();
    }

    private static Channel channel(ResultSet rs, int row) throws SQLException {
        return new Channel(
                new ChannelId(rs.getObject("id", UUID.class)),
                ChannelKind.fromWireName(rs.getString("kind")),
                rs.getString("name"),
                rs.getString("account_id"),
                rs.getString("endpoint_id"),
                rs.getLong("version"),
                rs.getTimestamp("created_at").toInstant(),
                rs.getTimestamp("updated_at").toInstant(),
                settings(rs.getString("settings")));
    }

    private static Map<String, String> settings(String json) {
        if (json == null) {
            return Map.of();
        }
        try {
            return JSON.readValue(json, new TypeReference<Map<String, String>>() {});
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable channel settings", e);
        }
    }
}
