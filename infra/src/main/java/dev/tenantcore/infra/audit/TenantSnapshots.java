package dev.tenantcore.infra.audit;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Drops the snapshots of the current tenant's aggregates (found through {@code tenant_event_log},
 * which only shows the tenant's events), in the caller's transaction. The aggregates load from their
 * events next time and are snapshotted again as usual. An erasure is rare; this reads the tenant's
 * aggregate ids once. Here in infra beside the event store it deletes from (the erasure on the
 * command side and the shredding of a closed tenant's keys both use it).
 */
@Component
public class TenantSnapshots {

    private final JdbcTemplate jdbc;

    public TenantSnapshots(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** How many snapshots were dropped. */
    public int dropAll() {
        return jdbc.update("DELETE FROM snapshot_event_entry WHERE aggregate_identifier IN"
                + " (SELECT aggregate_identifier FROM tenant_event_log WHERE sequence_number = 0)");
    }
}
