-- The per-tenant cap on queued automation steps counts the steps of a tenant's unfinished runs on every matched
-- event: a partial index keeps that count to the runs that are not over.
CREATE INDEX automation_runs_unfinished ON automation_runs (tenant_id, id) WHERE status IN ('running', 'waiting');
-- 'throttled' joins the run statuses (running, waiting, completed, not_matched, failed, parked,
-- cancelled): a matched run refused because its tenant had too many steps queued.
COMMENT ON COLUMN automation_runs.status IS
    'running, waiting, completed, not_matched, failed, parked, cancelled or throttled';
