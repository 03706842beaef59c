package dev.tenantcore.infra.persistence;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Refuses to serve when the runtime database role could ignore row-level security: a superuser,
 * a role with BYPASSRLS, or the owner of the tables sees every tenant's rows whatever the policy.
 */
@Component
class DatabaseRoleGuard {

    private final JdbcTemplate jdbc;
    private final boolean allowPrivileged;

    DatabaseRoleGuard(
            JdbcTemplate jdbc, @Value("${app.database.allow-privileged-role:false}") boolean allowPrivileged) {
        this.jdbc = jdbc;
        this.allowPrivileged = allowPrivileged;
    }

    @EventListener(ApplicationStartedEvent.class)
    void check() {
        Boolean privileged = jdbc.queryForObject("""
                SELECT r.rolsuper OR r.rolbypassrls OR EXISTS (
                         SELECT 1 FROM pg_tables t
                         WHERE t.schemaname = current_schema() AND t.tableowner = current_user)
                FROM pg_roles r WHERE r.rolname = current_user
                """, Boolean.class);
        if (Boolean.TRUE.equals(privileged) && !allowPrivileged) {
            throw new IllegalStateException("The runtime database role is a superuser, has BYPASSRLS or owns the"
                    + " tables, so row-level security would not isolate tenants. Connect as a plain role"
                    + " (see README, 'External PostgreSQL').");
        }
    }
}
