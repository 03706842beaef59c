package dev.tenantcore.query.identity;

import dev.tenantcore.api.common.TenantId;
import dev.tenantcore.api.common.UserId;
import dev.tenantcore.api.identity.FindUserQuery;
import dev.tenantcore.api.identity.ListUsersQuery;
import dev.tenantcore.api.identity.PasswordResetCompletedEvent;
import dev.tenantcore.api.identity.PasswordResetRequestedEvent;
import dev.tenantcore.api.identity.Role;
import dev.tenantcore.api.identity.UserDeactivatedEvent;
import dev.tenantcore.api.identity.UserDeletedEvent;
import dev.tenantcore.api.identity.UserPage;
import dev.tenantcore.api.identity.UserPasswordChangedEvent;
import dev.tenantcore.api.identity.UserProfileUpdatedEvent;
import dev.tenantcore.api.identity.UserReactivatedEvent;
import dev.tenantcore.api.identity.UserRegisteredEvent;
import dev.tenantcore.api.identity.UserResponse;
import dev.tenantcore.api.identity.UserRoleChangedEvent;
import dev.tenantcore.api.identity.UserStatus;
import dev.tenantcore.infra.tenancy.TenantAwareTransactionManager;
import dev.tenantcore.query.support.PageCursor;
import dev.tenantcore.query.support.PageSize;
import dev.tenantcore.query.support.Sql;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.queryhandling.QueryHandler;
import org.axonframework.queryhandling.QueryUpdateEmitter;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.SqlParameterValue;
import org.springframework.stereotype.Component;

/**
 * Keeps {@code user_accounts} in step with the user aggregates and answers the user queries.
 *
 * <p>Rows are found by id only: row-level security limits every statement to the tenant that the
 * infra event interceptor set from the event's metadata. Each update applies only when the event
 * is newer than the row's {@code version}, so redelivered and replayed events change nothing; every
 * event of the aggregate moves the version, so the row's version is the one {@code If-Match}
 * needs. After a change the row is pushed to subscribers of {@link FindUserQuery}, which is how the
 * command side waits until its write is readable. There is no reset handler: under forced
 * row-level security the runtime role cannot empty the table across tenants, and the version guard
 * already makes a replay harmless.
 */
@Component
@ProcessingGroup("users")
class UserAccountProjection {

    private static final String COLUMNS = "tenant_id, id, email, display_name, role, status, version, created_at";

    private final JdbcTemplate jdbc;
    private final TenantAwareTransactionManager transactions;
    private final QueryUpdateEmitter emitter;

    UserAccountProjection(JdbcTemplate jdbc, TenantAwareTransactionManager transactions, QueryUpdateEmitter emitter) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.emitter = emitter;
    }

    @EventHandler
    void on(UserRegisteredEvent event, @SequenceNumber long sequence, @Timestamp Instant at) {
        // The account belongs to the tenant named in the event, even when the command came from
        // another scope (a platform operator creating a tenant's owner): write under that tenant.
        transactions.bind(event.tenantId());
        int changed = jdbc.update(
                """
                INSERT INTO user_accounts
                    (tenant_id, id, email, display_name, password_hash, role, status, version, created_at, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (tenant_id, id) DO UPDATE
                   SET email = EXCLUDED.email, display_name = EXCLUDED.display_name,
                       password_hash = EXCLUDED.password_hash, role = EXCLUDED.role, status = EXCLUDED.status,
                       version = EXCLUDED.version, updated_at = EXCLUDED.updated_at
                 WHERE user_accounts.version < EXCLUDED.version
                """,
                event.tenantId().value(),
                event.userId().value(),
                event.email().toLowerCase(Locale.ROOT),
                // Typed, so a null needs no driver round trip to learn the column type.
                new SqlParameterValue(Types.VARCHAR, event.displayName()),
                event.passwordHash(),
                event.role().wireName(),
                UserStatus.ACTIVE.wireName(),
                sequence,
                Sql.timestamp(at),
                Sql.timestamp(at));
        publishIfChanged(changed, event.userId());
    }

    @EventHandler
    void on(UserRoleChangedEvent event, @SequenceNumber long sequence, @Timestamp Instant at) {
        set(event.userId(), "role", event.role().wireName(), sequence, at);
    }

    @EventHandler
    void on(UserPasswordChangedEvent event, @SequenceNumber long sequence, @Timestamp Instant at) {
        set(event.userId(), "password_hash", event.passwordHash(), sequence, at);
    }

    @EventHandler
    void on(PasswordResetCompletedEvent event, @SequenceNumber long sequence, @Timestamp Instant at) {
        set(event.userId(), "password_hash", event.passwordHash(), sequence, at);
    }

    /** Nothing the read model shows changes, but the version moves with the aggregate's. */
    @EventHandler
    void on(PasswordResetRequestedEvent event, @SequenceNumber long sequence, @Timestamp Instant at) {
        touch(event.userId(), sequence, at);
    }

    @EventHandler
    void on(UserDeactivatedEvent event, @SequenceNumber long sequence, @Timestamp Instant at) {
        set(event.userId(), "status", UserStatus.INACTIVE.wireName(), sequence, at);
    }

    @EventHandler
    void on(UserReactivatedEvent event, @SequenceNumber long sequence, @Timestamp Instant at) {
        set(event.userId(), "status", UserStatus.ACTIVE.wireName(), sequence, at);
    }

    @EventHandler
    void on(UserProfileUpdatedEvent event, @SequenceNumber long sequence, @Timestamp Instant at) {
        set(event.userId(), "display_name", event.displayName(), sequence, at);
    }

    @EventHandler
    void on(UserDeletedEvent event) {
        UserId id = event.userId();
        jdbc.update("DELETE FROM user_accounts WHERE id = ?", id.value());
        // There is no row left to send; completing the subscriptions tells waiters it is gone.
        emitter.complete(FindUserQuery.class, q -> id.equals(q.userId()));
    }

    @QueryHandler
    UserResponse handle(FindUserQuery query) {
        return find(query.userId());
    }

    /** Keyset pagination over (created_at, id): stable while accounts are added, and index-backed. */
    @QueryHandler
    UserPage handle(ListUsersQuery query) {
        int limit = PageSize.of(query.limit());
        PageCursor after = PageCursor.decode(query.cursor());
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM user_accounts WHERE TRUE");
        List<Object> args = new ArrayList<>();
        if (query.role() != null) {
            sql.append(" AND role = ?");
            args.add(query.role().wireName());
        }
        if (query.status() != null) {
            sql.append(" AND status = ?");
            args.add(query.status().wireName());
        }
        if (after != null) {
            sql.append(" AND (created_at, id) > (?, ?)");
            args.add(Sql.timestamp(after.createdAt()));
            args.add(after.id());
        }
        // One row more than asked tells whether another page exists without a count query.
        sql.append(" ORDER BY created_at, id LIMIT ?");
        args.add(limit + 1);
        List<UserResponse> rows = jdbc.query(sql.toString(), UserAccountProjection::toResponse, args.toArray());
        if (rows.size() <= limit) {
            return new UserPage(rows, null);
        }
        List<UserResponse> page = List.copyOf(rows.subList(0, limit));
        UserResponse last = page.get(limit - 1);
        return new UserPage(page, new PageCursor(last.createdAt(), last.id().value()).encode());
    }

    /** {@code column} is always one of this class's constants, never input. */
    private void set(UserId id, String column, Object value, long sequence, Instant at) {
        int changed = jdbc.update(
                "UPDATE user_accounts SET " + column + " = ?, version = ?, updated_at = ? WHERE id = ? AND version < ?",
                value,
                sequence,
                Sql.timestamp(at),
                id.value(),
                sequence);
        publishIfChanged(changed, id);
    }

    private void touch(UserId id, long sequence, Instant at) {
        int changed = jdbc.update(
                "UPDATE user_accounts SET version = ?, updated_at = ? WHERE id = ? AND version < ?",
                sequence,
                Sql.timestamp(at),
                id.value(),
                sequence);
        publishIfChanged(changed, id);
    }

    private void publishIfChanged(int changedRows, UserId id) {
        if (changedRows == 0) {
            return;
        }
        UserResponse current = find(id);
        if (current != null) {
            emitter.emit(FindUserQuery.class, q -> id.equals(q.userId()), current);
        }
    }

    private UserResponse find(UserId id) {
        return jdbc
                .query(
                        "SELECT " + COLUMNS + " FROM user_accounts WHERE id = ?",
                        UserAccountProjection::toResponse,
                        id.value())
                .stream()
                .findFirst()
                .orElse(null);
    }

    private static UserResponse toResponse(ResultSet rs, int row) throws SQLException {
        return new UserResponse(
                new UserId(rs.getObject("id", UUID.class)),
                new TenantId(rs.getObject("tenant_id", UUID.class)),
                rs.getString("email"),
                rs.getString("display_name"),
                Role.fromWireName(rs.getString("role")),
                UserStatus.fromWireName(rs.getString("status")),
                rs.getLong("version"),
                Sql.instant(rs, "created_at"));
    }
}
