package dev.tenantcore.query.identity;

import dev.tenantcore.api.audit.DataSubjectErasedEvent;
import dev.tenantcore.api.common.DataSubject;
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
import dev.tenantcore.api.identity.UserReinstatedEvent;
import dev.tenantcore.api.identity.UserResponse;
import dev.tenantcore.api.identity.UserRoleChangedEvent;
import dev.tenantcore.api.identity.UserStatus;
import dev.tenantcore.api.identity.UserSuspendedEvent;
import dev.tenantcore.query.support.KeysetPage;
import dev.tenantcore.query.support.PageCursor;
import dev.tenantcore.query.support.ReadModel;
import dev.tenantcore.query.support.ReadTable;
import dev.tenantcore.query.support.Sql;
import dev.tenantcore.query.support.VersionedRows;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Locale;
import java.util.UUID;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.stereotype.Component;

/**
 * Keeps {@code user_accounts} in step with the user aggregates and answers the user queries.
 *
 * <p>Writes are versioned ({@link VersionedRows}), so redelivered and replayed events change
 * nothing; every event of the aggregate moves the version, so the row's version is the one
 * {@code If-Match} needs. After a change the row is pushed to subscribers of {@link FindUserQuery},
 * which is how the command side waits until its write is readable.
 */
@Component
@ProcessingGroup("users")
class UserAccountProjection {

    private static final String TABLE = "user_accounts";
    private static final String COLUMNS =
            "tenant_id, id, email, display_name, role, status, version, created_at, suspended_at, suspension_reason";

    private final ReadModel store;
    private final ReadTable<UserId> accounts;

    UserAccountProjection(ReadModel store) {
        this.store = store;
        this.accounts = store.table(TABLE, UserId::value, (id, changed) -> publishIf(changed, id));
    }

    @EventHandler
    void on(UserRegisteredEvent event, @SequenceNumber long sequence, @Timestamp Instant at) {
        accounts.insert(event.tenantId(), event.userId())
                .value("email", event.email().toLowerCase(Locale.ROOT))
                .value("display_name", event.displayName())
                .value("password_hash", event.passwordHash())
                .value("role", event.role().wireName())
                .value("status", UserStatus.ACTIVE.wireName())
                .apply(sequence, at);
    }

    @EventHandler
    void on(UserRoleChangedEvent event, @SequenceNumber long sequence, @Timestamp Instant at) {
        accounts.set(event.userId(), "role", event.role().wireName(), sequence, at);
    }

    @EventHandler
    void on(UserPasswordChangedEvent event, @SequenceNumber long sequence, @Timestamp Instant at) {
        accounts.set(event.userId(), "password_hash", event.passwordHash(), sequence, at);
    }

    @EventHandler
    void on(PasswordResetCompletedEvent event, @SequenceNumber long sequence, @Timestamp Instant at) {
        accounts.set(event.userId(), "password_hash", event.passwordHash(), sequence, at);
    }

    /** Nothing the read model shows changes, but the version moves with the aggregate's. */
    @EventHandler
    void on(PasswordResetRequestedEvent event, @SequenceNumber long sequence, @Timestamp Instant at) {
        accounts.update(event.userId()).apply(sequence, at);
    }

    @EventHandler
    void on(UserDeactivatedEvent event, @SequenceNumber long sequence, @Timestamp Instant at) {
        accounts.set(event.userId(), "status", UserStatus.INACTIVE.wireName(), sequence, at);
    }

    @EventHandler
    void on(UserReactivatedEvent event, @SequenceNumber long sequence, @Timestamp Instant at) {
        accounts.set(event.userId(), "status", UserStatus.ACTIVE.wireName(), sequence, at);
    }

    /** Kept apart from {@code status}, which stays the tenant's decision: reinstating restores it. */
    @EventHandler
    void on(UserSuspendedEvent event, @SequenceNumber long sequence, @Timestamp Instant at) {
        accounts.update(event.userId())
                .set("suspended_at", at)
                .set("suspension_reason", event.reason())
                .apply(sequence, at);
    }

    @EventHandler
    void on(UserReinstatedEvent event, @SequenceNumber long sequence, @Timestamp Instant at) {
        accounts.update(event.userId())
                .set("suspended_at", null)
                .set("suspension_reason", null)
                .apply(sequence, at);
    }

    @EventHandler
    void on(UserProfileUpdatedEvent event, @SequenceNumber long sequence, @Timestamp Instant at) {
        accounts.set(event.userId(), "display_name", event.displayName(), sequence, at);
    }

    @EventHandler
    void on(UserDeletedEvent event) {
        UserId id = event.userId();
        store.delete(TABLE, id.value(), FindUserQuery.class, q -> id.equals(q.userId()));
    }

    /**
     * Sign-in reads password hashes from this table, so accounts cannot sign in until the replay
     * has passed their registration: reset this group only while its replay can run at once.
     */
    @ResetHandler
    void reset() {
        store.reset(TABLE);
    }

    @QueryHandler
    UserResponse handle(FindUserQuery query) {
        return find(query.userId());
    }

    /** Oldest first. */
    @QueryHandler
    UserPage handle(ListUsersQuery query) {
        KeysetPage.Query<UserResponse> list = KeysetPage.select(
                        "SELECT " + COLUMNS + " FROM user_accounts", UserAccountProjection::toResponse)
                .whereGiven("role = ?", query.role(), Role::wireName);
        // A suspended account shows as suspended whatever its tenant decided, and only as that.
        if (query.status() == UserStatus.SUSPENDED) {
            list.where("suspended_at IS NOT NULL");
        } else {
            list.whereGiven("status = ? AND suspended_at IS NULL", query.status(), UserStatus::wireName);
        }
        KeysetPage<UserResponse> page = list.page(
                store.jdbc(), query.limit(), query.cursor(), u -> new PageCursor(u.createdAt(), u.id().value()));
        return new UserPage(page.items(), page.nextCursor());
    }

    private void publishIf(boolean changed, UserId id) {
        store.publishIf(changed, FindUserQuery.class, () -> find(id), (q, row) -> id.equals(q.userId()));
    }

    private UserResponse find(UserId id) {
        return store.findOne(
                "SELECT " + COLUMNS + " FROM user_accounts WHERE id = ?",
                UserAccountProjection::toResponse,
                id.value());
    }

    private static UserResponse toResponse(ResultSet rs, int row) throws SQLException {
        return new UserResponse(
                new UserId(rs.getObject("id", UUID.class)),
                new TenantId(rs.getObject("tenant_id", UUID.class)),
                rs.getString("email"),
                rs.getString("display_name"),
                Role.fromWireName(rs.getString("role")),
                rs.getObject("suspended_at") != null
                        ? UserStatus.SUSPENDED
                        : UserStatus.fromWireName(rs.getString("status")),
                rs.getLong("version"),
                Sql.instant(rs, "created_at"),
                rs.getString("suspension_reason"),
                Sql.instant(rs, "suspended_at"));
    }

    /** A user erased: e-mail and display name read "[erased]"; role, status and ids stay. */
    @EventHandler
    void on(DataSubjectErasedEvent event) {
        if (event.subject() != DataSubject.USER) {
            return;
        }
        store.jdbc()
                .update(
                        "UPDATE user_accounts SET email = '[erased]', display_name = '[erased]' WHERE id = ?",
                        event.subjectId());
    }
}
