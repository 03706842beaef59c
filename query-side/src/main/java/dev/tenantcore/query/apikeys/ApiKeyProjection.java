package dev.tenantcore.query.apikeys;

import dev.tenantcore.api.apikeys.ApiKeyCreatedEvent;
import dev.tenantcore.api.apikeys.ApiKeyId;
import dev.tenantcore.api.apikeys.ApiKeyPage;
import dev.tenantcore.api.apikeys.ApiKeyResponse;
import dev.tenantcore.api.apikeys.ApiKeyRevokedEvent;
import dev.tenantcore.api.apikeys.FindApiKeyQuery;
import dev.tenantcore.api.apikeys.ListApiKeysQuery;
import dev.tenantcore.api.identity.Role;
import dev.tenantcore.infra.tenancy.TenantAwareTransactionManager;
import dev.tenantcore.query.support.PageCursor;
import dev.tenantcore.query.support.PageSize;
import dev.tenantcore.query.support.Sql;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.SqlParameterValue;
import org.springframework.stereotype.Component;

/**
 * Keeps {@code api_keys} in step with the API key aggregates and answers the key queries.
 *
 * <p>The {@value #GROUP} processor is subscribing (see {@link ApiKeyProcessing}): these handlers
 * run inside the transaction that appends the events, so the row and the events commit together.
 * Rows are found by id only, under row-level security; an event applies only when newer than the
 * row's {@code version}, so a redelivered event changes nothing.
 */
@Component
@ProcessingGroup(ApiKeyProjection.GROUP)
class ApiKeyProjection {

    static final String GROUP = "api-keys";
    private static final String COLUMNS =
            "id, name, prefix, roles, created_at, expires_at, last_used_at, revoked_at, version";

    private final JdbcTemplate jdbc;
    private final TenantAwareTransactionManager transactions;

    ApiKeyProjection(JdbcTemplate jdbc, TenantAwareTransactionManager transactions) {
        this.jdbc = jdbc;
        this.transactions = transactions;
    }

    @EventHandler
    void on(ApiKeyCreatedEvent event, @SequenceNumber long sequence, @Timestamp Instant at) {
        transactions.bind(event.tenantId());
        jdbc.update(
                """
                INSERT INTO api_keys
                    (tenant_id, id, name, prefix, secret_hash, roles, expires_at, version, created_at, updated_at)
                VALUES (?, ?, ?, ?, ?, ?::text[], ?, ?, ?, ?)
                ON CONFLICT (tenant_id, id) DO NOTHING
                """,
                event.tenantId().value(),
                event.apiKeyId().value(),
                event.name(),
                event.prefix(),
                event.secretHash(),
                event.roles().stream().sorted().map(Role::wireName).toArray(String[]::new),
                new SqlParameterValue(Types.TIMESTAMP_WITH_TIMEZONE, Sql.timestamp(event.expiresAt())),
                sequence,
                Sql.timestamp(at),
                Sql.timestamp(at));
    }

    @EventHandler
    void on(ApiKeyRevokedEvent event, @SequenceNumber long sequence, @Timestamp Instant at) {
        jdbc.update(
                "UPDATE api_keys SET revoked_at = ?, version = ?, updated_at = ? WHERE id = ? AND version < ?",
                Sql.timestamp(at),
                sequence,
                Sql.timestamp(at),
                event.apiKeyId().value(),
                sequence);
    }

    @QueryHandler
    ApiKeyResponse handle(FindApiKeyQuery query) {
        return jdbc
                .query(
                        "SELECT " + COLUMNS + " FROM api_keys WHERE id = ?",
                        ApiKeyProjection::toResponse,
                        query.apiKeyId().value())
                .stream()
                .findFirst()
                .orElse(null);
    }

    /** Keyset pagination over (created_at, id), oldest first. */
    @QueryHandler
    ApiKeyPage handle(ListApiKeysQuery query) {
        int limit = PageSize.of(query.limit());
        PageCursor after = PageCursor.decode(query.cursor());
        List<ApiKeyResponse> rows = after == null
                ? jdbc.query(
                        "SELECT " + COLUMNS + " FROM api_keys ORDER BY created_at, id LIMIT ?",
                        ApiKeyProjection::toResponse,
                        limit + 1)
                : jdbc.query(
                        "SELECT " + COLUMNS
                                + " FROM api_keys WHERE (created_at, id) > (?, ?) ORDER BY created_at, id LIMIT ?",
                        ApiKeyProjection::toResponse,
                        Sql.timestamp(after.createdAt()),
                        after.id(),
                        limit + 1);
        if (rows.size() <= limit) {
            return new ApiKeyPage(rows, null);
        }
        List<ApiKeyResponse> page = List.copyOf(rows.subList(0, limit));
        ApiKeyResponse last = page.get(limit - 1);
        return new ApiKeyPage(page, new PageCursor(last.createdAt(), last.id().value()).encode());
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
