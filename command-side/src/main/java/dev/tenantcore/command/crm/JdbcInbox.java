package dev.tenantcore.command.crm;

import dev.tenantcore.api.common.UserId;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * {@link InboxAssignments} and {@link InboxRoster} over {@code crm_inbox_settings} and {@code
 * crm_inbox_staff} (command side, the current tenant's rows by row-level security), joined with the
 * accounts' own record {@code user_credentials}, so a suspended, deactivated or removed member, or
 * one who is no longer staff, is never picked.
 *
 * <p>Picks of one tenant take turns on a transaction-scoped advisory lock: the next pick starts only
 * once the one before committed its stamp, so it sees it. (Row locks alone do not do it: a pick
 * that waits on a locked row gets that row once it is free, without sorting again.)
 */
@Component
class JdbcInbox implements InboxAssignments, InboxRoster {

    private static final String PICK = "SELECT s.user_id FROM crm_inbox_staff s"
            + " JOIN user_credentials u ON u.user_id = s.user_id AND u.active AND NOT u.suspended"
            + " AND u.role IN ('owner', 'manager', 'staff')"
            + " WHERE s.available ORDER BY s.last_assigned_at NULLS FIRST, s.user_id LIMIT 1";

    private final JdbcTemplate jdbc;

    JdbcInbox(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Optional<UserId> next() {
        Boolean on = jdbc.queryForList("SELECT auto_assign FROM crm_inbox_settings", Boolean.class).stream()
                .findFirst()
                .orElse(false);
        if (!Boolean.TRUE.equals(on)) {
            return Optional.empty();
        }
        return nextInTurn();
    }

    @Override
    public Optional<UserId> nextInTurn() {
        jdbc.queryForList(
                "SELECT pg_advisory_xact_lock(hashtext('crm_inbox_staff:' || app_current_tenant()::text))",
                Object.class);
        List<UUID> picked = jdbc.queryForList(PICK, UUID.class);
        if (picked.isEmpty()) {
            return Optional.empty();
        }
        UUID user = picked.get(0);
        jdbc.update("UPDATE crm_inbox_staff SET last_assigned_at = clock_timestamp() WHERE user_id = ?", user);
        return Optional.of(new UserId(user));
    }

    @Override
    public void available(UserId user, boolean available) {
        jdbc.update(
                "INSERT INTO crm_inbox_staff (tenant_id, user_id, available, updated_at)"
                        + " VALUES (app_current_tenant(), ?, ?, now())"
                        + " ON CONFLICT (tenant_id, user_id) DO UPDATE SET available = EXCLUDED.available,"
                        + " updated_at = EXCLUDED.updated_at",
                user.value(),
                available);
    }

    @Override
    public void autoAssign(boolean autoAssign) {
        jdbc.update(
                "INSERT INTO crm_inbox_settings (tenant_id, auto_assign, updated_at)"
                        + " VALUES (app_current_tenant(), ?, now())"
                        + " ON CONFLICT (tenant_id) DO UPDATE SET auto_assign = EXCLUDED.auto_assign,"
                        + " updated_at = EXCLUDED.updated_at",
                autoAssign);
    }
}
