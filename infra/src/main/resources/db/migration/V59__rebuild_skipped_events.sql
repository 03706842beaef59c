-- The events that commands left to a running rebuild of a projection written in their own
-- transactions (RebuildLocks): each such command notes here, in its transaction, the global position
-- of every event it did not apply. The rebuild, once those commands have ended, reads the tenant's
-- stream again only from the lowest position noted, instead of from its start, and removes the notes.
-- Tenant data like the rows it stands for: forced row-level security; the runtime role adds notes
-- and the rebuild reads and removes them, each within its tenant.
CREATE TABLE rebuild_skipped_events (
    tenant_id    UUID   NOT NULL,
    projection   TEXT   NOT NULL,
    global_index BIGINT NOT NULL,
    PRIMARY KEY (tenant_id, projection, global_index)
);
CALL isolate_tenant('rebuild_skipped_events');
REVOKE UPDATE ON rebuild_skipped_events FROM ${appRole};
