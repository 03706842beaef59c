package dev.tenantcore.command.tenancy;

import dev.tenantcore.api.common.TenantId;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * {@link Trials} in {@code tenant_trials}, a platform table: the sweep must find every tenant's
 * trial, which row-level security would hide from a query bound to no tenant. No endpoint reads it.
 */
@Component
class JdbcTrials implements Trials {

    private final JdbcTemplate jdbc;

    JdbcTrials(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void started(TenantId tenant, Instant endsAt) {
        jdbc.update(
                "INSERT INTO tenant_trials (trial_tenant_id, ends_at) VALUES (?, ?)"
                        + " ON CONFLICT (trial_tenant_id) DO UPDATE SET ends_at = EXCLUDED.ends_at",
                tenant.value(),
                Timestamp.from(endsAt));
    }

    @Override
    public void ended(TenantId tenant) {
        jdbc.update("DELETE FROM tenant_trials WHERE trial_tenant_id = ?", tenant.value());
    }

    @Override
    public List<TenantId> due(Instant now, int limit) {
        return jdbc
                .queryForList(
                        "SELECT trial_tenant_id FROM tenant_trials WHERE ends_at <= ? ORDER BY ends_at LIMIT ?",
                        UUID.class,
                        Timestamp.from(now),
                        limit)
                .stream()
                .map(TenantId::new)
                .toList();
    }
}
