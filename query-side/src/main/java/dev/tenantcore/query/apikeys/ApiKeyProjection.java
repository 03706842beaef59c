package dev.tenantcore.query.apikeys;

import dev.tenantcore.api.apikeys.ApiKeyCreatedEvent;
import dev.tenantcore.api.apikeys.ApiKeyId;
import dev.tenantcore.api.apikeys.ApiKeyPage;
import dev.tenantcore.api.apikeys.ApiKeyResponse;
import dev.tenantcore.api.apikeys.ApiKeyRevokedEvent;
import dev.tenantcore.api.apikeys.FindApiKeyQuery;
import dev.tenantcore.api.apikeys.ListApiKeysQuery;
import dev.tenantcore.api.identity.Role;
import dev.tenantcore.query.support.KeysetPage;
import dev.tenantcore.query.support.PageCursor;
import dev.tenantcore.query.support.ReadModel;
import dev.tenantcore.query.support.ReadTable;
import dev.tenantcore.query.support.Sql;
import dev.tenantcore.query.support.VersionedRows;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.stereotype.Component;

/**
 * Keeps {@code api_keys} in step with the API key aggregates and answers the key queries.
 *
 * <p>The {@value #GROUP} processor is subscribing ({@code application.yml}): these handlers run
 * inside the transaction that appends the events, so the row and the events commit together, and
 * a handler's failure fails the command (AxonConfiguration), so a key is never created or revoked
 * in the event store without its row agreeing.
 * Writes are versioned ({@link VersionedRows}), so a redelivered event changes nothing.
 */
@Component
@ProcessingGroup(ApiKeyProjection.GROUP)
class ApiKeyProjection {

    static final String GROUP = "api-keys";
    private static final String TABLE = "api_keys";
    private static final String COLUMNS =
            "id, name, prefix, roles, created_at, expires_at, last_used_at, revoked_at, version";

    private final ReadModel store;
    private final ReadTable<ApiKeyId> keys;

    ApiKeyProjection(ReadModel store) {
        this.store = store;
        this.keys = store.table(TABLE, ApiKeyId::value, (id, changed) -> {
            // Nobody waits on an API key: its creation answers with the key itself.
        });
    }

    @EventHandler
    void on(ApiKeyCreatedEvent event, @SequenceNumber long sequence, @Timestamp Instant at) {
        keys.insert(event.tenantId(), event.apiKeyId())
                .value("name", event.name())
                .value("prefix", event.prefix())
                .value("secret_hash", event.secretHash())
                .texts(
                        "roles",
                        event.roles().stream().sorted().map(Role::wireName).toArray(String[]::new))
                .value("expires_at", event.expiresAt())
                .apply(sequence, at);
    }

    @EventHandler
    void on(ApiKeyRevokedEvent event, @SequenceNumber long sequence, @Timestamp Instant at) {
        keys.set(event.apiKeyId(), "revoked_at", at, sequence, at);
    }

    /**
     * Run by a rebuild (for one tenant, or every tenant in turn) before it replays the keys' events.
     * The operational {@code last_used_at} is not in the events and starts again from none.
     */
    @ResetHandler
    void reset() {
        store.reset(TABLE);
    }

    @QueryHandler
    ApiKeyResponse handle(FindApiKeyQuery query) {
        return store.findOne(
                "SELECT " + COLUMNS + " FROM api_keys WHERE id = ?",
                ApiKeyProjection::toResponse,
                query.apiKeyId().value());
    }

    /** Oldest first. */
    @QueryHandler
    ApiKeyPage handle(ListApiKeysQuery query) {
        KeysetPage<ApiKeyResponse> page = KeysetPage.select(
                        "SELECT " + COLUMNS + " FROM api_keys", ApiKeyProjection::toResponse)
                .page(store.jdbc(), query.limit(), query.cursor(), k -> new PageCursor(k.createdAt(), k.id().value()));
        return new ApiKeyPage(page.items(), page.nextCursor());
    }

    static List<Role> roles(Array array) throws SQLException {
        return Arrays.stream((String[]) array.getArray())
                .map(Role::fromWireName)
                .sorted()
                .toList();
    }

    private static ApiKeyResponse toResponse(ResultSet rs, int row) throws SQLException {
        Instant revokedAt = Sql.instant(rs, "revoked_at");
        return new ApiKeyResponse(
                new ApiKeyId(rs.getObject("id", UUID.class)),
                rs.getString("name"),
                rs.getString("prefix"),
                roles(rs.getArray("roles")),
                Sql.instant(rs, "created_at"),
                Sql.instant(rs, "expires_at"),
                Sql.instant(rs, "last_used_at"),
                revokedAt != null,
                revokedAt,
                rs.getLong("version"));
    }
}
