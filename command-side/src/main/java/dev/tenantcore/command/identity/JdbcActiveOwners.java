package dev.tenantcore.command.identity;

import dev.tenantcore.api.common.DomainException;
import dev.tenantcore.api.common.ErrorCode;
import dev.tenantcore.api.common.UserId;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** {@link ActiveOwners} on the row-level-secured {@code tenant_owners} table. */
@Component
class JdbcActiveOwners implements ActiveOwners {

    private final JdbcTemplate jdbc;

    JdbcActiveOwners(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void add(UserId owner) {
        jdbc.update(
                "INSERT INTO tenant_owners (tenant_id, user_id) VALUES (app_current_tenant(), ?) ON CONFLICT DO NOTHING",
                owner.value());
    }

    @Override
    public void remove(UserId owner) {
        // Held until the transaction ends, so the next removal in this tenant sees this one committed.
        jdbc.queryForObject(
                "SELECT pg_advisory_xact_lock(hashtext('tenant_owners:' || app_current_tenant()::text))", Object.class);
        // An owner the platform suspended cannot act for the tenant, so does not count as one that remains.
        Boolean othersRemain = jdbc.queryForObject(
                "SELECT EXISTS (SELECT 1 FROM tenant_owners o WHERE o.user_id <> ? AND NOT EXISTS"
                        + " (SELECT 1 FROM user_credentials c WHERE c.user_id = o.user_id AND c.suspended))",
                Boolean.class,
                owner.value());
        if (!Boolean.TRUE.equals(othersRemain)) {
            throw new DomainException(
                    ErrorCode.LAST_OWNER, "The tenant's last active owner cannot be removed, deactivated or demoted.");
        }
        jdbc.update("DELETE FROM tenant_owners WHERE user_id = ?", owner.value());
    }
}
