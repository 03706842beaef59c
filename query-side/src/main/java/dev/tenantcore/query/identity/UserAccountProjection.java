package dev.tenantcore.query.identity;

import dev.tenantcore.api.common.TenantId;
import dev.tenantcore.api.common.UserId;
import dev.tenantcore.api.identity.FindUserQuery;
import dev.tenantcore.api.identity.Role;
import dev.tenantcore.api.identity.UserDeactivatedEvent;
import dev.tenantcore.api.identity.UserPasswordChangedEvent;
import dev.tenantcore.api.identity.UserRegisteredEvent;
import dev.tenantcore.api.identity.UserResponse;
import dev.tenantcore.api.identity.UserRoleChangedEvent;
import dev.tenantcore.api.identity.UserStatus;
import dev.tenantcore.infra.tenancy.TenantAwareTransactionManager;
import dev.tenantcore.query.support.Sql;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.Locale;
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
 * Keeps {@code user_accounts} in step with the user aggregates.
 *
 * <p>Rows are found by id only: row-level security limits every statement to the tenant that the
 * infra event interceptor set from the event's metadata. Each update applies only when the event
 * is newer than the row's {@code version}, so redelivered and replayed events change nothing.
 * There is no reset handler: under forced row-level security the runtime role cannot empty the
 * table across tenants, and the version guard already makes a replay harmless.
 */
@Component
@ProcessingGroup("users")
class UserAccountProjection {

    private final JdbcTemplate jdbc;
    private final TenantAwareTransactionManager transactions;

    UserAccountProjection(JdbcTemplate jdbc, TenantAwareTransactionManager transactions) {
        this.jdbc = jdbc;
        this.transactions = transactions;
    }

    @EventHandler
    void on(UserRegisteredEvent event, @SequenceNumber long sequence, @Timestamp Instant at) {
        // The account belongs to the tenant named in the event, even when the command came from
        // another scope (a platform operator creating a tenant's owner): write under that tenant.
        transactions.bind(event.tenantId());
        jdbc.update(
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
    }

    @EventHandler
    void on(UserRoleChangedEvent event, @SequenceNumber long sequence, @Timestamp Instant at) {
        jdbc.update(
                "UPDATE user_accounts SET role = ?, version = ?, updated_at = ? WHERE id = ? AND version < ?",
                event.role().wireName(),
                sequence,
                Sql.timestamp(at),
                event.userId().value(),
                sequence);
    }

    @EventHandler
    void on(UserPasswordChangedEvent event, @SequenceNumber long sequence, @Timestamp Instant at) {
        jdbc.update(
                "UPDATE user_accounts SET password_hash = ?, version = ?, updated_at = ? WHERE id = ? AND version < ?",
                event.passwordHash(),
                sequence,
                Sql.timestamp(at),
                event.userId().value(),
                sequence);
    }

    @EventHandler
    void on(UserDeactivatedEvent event, @SequenceNumber long sequence, @Timestamp Instant at) {
        jdbc.update(
                "UPDATE user_accounts SET status = ?, version = ?, updated_at = ? WHERE id = ? AND version < ?",
                UserStatus.INACTIVE.wireName(),
                sequence,
                Sql.timestamp(at),
                event.userId().value(),
                sequence);
    }

    @QueryHandler
    UserResponse handle(FindUserQuery query) {
        return jdbc.query("""
                        SELECT tenant_id, id, email, display_name, role, status, version, created_at
                          FROM user_accounts WHERE id = ?
                        """, UserAccountProjection::toResponse, query.userId().value()).stream()
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
