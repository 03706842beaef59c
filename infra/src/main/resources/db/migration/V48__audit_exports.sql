-- Full exports of a tenant's event history (gzip NDJSON in the tenant's media store) and the
-- platform's offboardings (export, then close). Neither is domain state: an export changes nothing
-- in the tenant, so it is no event; the rows say how far the background work got. The command side
-- owns both; the export task writes them under the tenant's row-level security.
CREATE TABLE audit_exports (
    tenant_id    UUID        NOT NULL,
    id           UUID        NOT NULL,
    -- queued | running | ready | failed
    status       TEXT        NOT NULL,
    events       BIGINT      NOT NULL DEFAULT 0,
    bytes        BIGINT      NOT NULL DEFAULT 0,
    created_at   TIMESTAMPTZ NOT NULL,
    -- The user (or platform user) who asked; the platform's are not users of the tenant.
    requested_by UUID,
    finished_at  TIMESTAMPTZ,
    error        TEXT,
    manifest     JSONB,
    PRIMARY KEY (tenant_id, id)
);
CREATE INDEX audit_exports_created ON audit_exports (tenant_id, created_at DESC, id);
CALL isolate_tenant('audit_exports');
REVOKE DELETE ON audit_exports FROM ${appRole};

-- At most one offboarding per tenant: the tenant is closed once its export is ready.
CREATE TABLE tenant_offboardings (
    tenant_id    UUID        NOT NULL PRIMARY KEY,
    export_id    UUID        NOT NULL,
    -- exporting | closed | failed
    status       TEXT        NOT NULL,
    requested_by UUID,
    requested_at TIMESTAMPTZ NOT NULL,
    closed_at    TIMESTAMPTZ,
    error        TEXT,
    reason       TEXT
);
CALL isolate_tenant('tenant_offboardings');
REVOKE DELETE ON tenant_offboardings FROM ${appRole};
