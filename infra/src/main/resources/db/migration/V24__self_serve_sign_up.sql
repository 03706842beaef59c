-- Self-serve sign-up. A signed-up tenant is pending until its owner proves the email address, then
-- a trial until its end date; the platform records a billing status and an industry per tenant.

-- The read model shows them in the platform's tenant list. resume_status is the status a suspended
-- tenant returns to when the suspension lifts (a suspended trial is still a trial); null when not
-- suspended or for tenants suspended before it existed, which return to active as before.
ALTER TABLE platform_tenants
    ADD COLUMN industry       TEXT,
    ADD COLUMN billing_status TEXT NOT NULL DEFAULT 'ok',
    ADD COLUMN trial_ends_at  TIMESTAMPTZ,
    ADD COLUMN resume_status  TEXT;

-- Running trials, for the sweep that ends them: written by the Tenant aggregate in the command
-- transaction. A platform table, like unverified_domain_claims: the sweep finds every tenant's trial,
-- which row-level security would hide. The tenant is not called tenant_id for that reason: every
-- table with a tenant_id is a tenant table under row-level security (RowLevelSecurityTest).
CREATE TABLE tenant_trials (
    trial_tenant_id UUID PRIMARY KEY,
    ends_at         TIMESTAMPTZ NOT NULL
);
CREATE INDEX tenant_trials_due ON tenant_trials (ends_at);
