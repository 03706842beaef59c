-- The tenant-isolation spine. Every tenant-scoped table calls isolate_tenant(), which enables and
-- FORCES row-level security and adds one fail-closed policy for reads and writes: with no tenant
-- set (NULL, or '' on a pooled connection that had one) no row is visible and no row can be written.

CREATE FUNCTION app_current_tenant() RETURNS uuid
    LANGUAGE sql STABLE
AS $$ SELECT nullif(current_setting('app.tenant_id', true), '')::uuid $$;
GRANT EXECUTE ON FUNCTION app_current_tenant() TO ${appRole};

CREATE PROCEDURE isolate_tenant(target regclass)
    LANGUAGE plpgsql
AS $$
BEGIN
    EXECUTE format('ALTER TABLE %s ENABLE ROW LEVEL SECURITY', target);
    EXECUTE format('ALTER TABLE %s FORCE ROW LEVEL SECURITY', target);
    EXECUTE format('CREATE POLICY tenant_isolation ON %s USING (tenant_id = app_current_tenant())'
                   ' WITH CHECK (tenant_id = app_current_tenant())', target);
END
$$;

-- Platform-level tables: no tenant rows, so no tenant_id column.

CREATE TABLE platform_tenants (
    id             UUID PRIMARY KEY,
    name           TEXT        NOT NULL,
    slug           TEXT        NOT NULL UNIQUE,
    status         TEXT        NOT NULL,
    modules        TEXT[]      NOT NULL,
    domains        JSONB       NOT NULL DEFAULT '[]',
    active_domains TEXT[]      NOT NULL DEFAULT '{}',
    version        BIGINT      NOT NULL,
    created_at     TIMESTAMPTZ NOT NULL,
    updated_at     TIMESTAMPTZ NOT NULL
);

-- Set-based validation for the command side: claimed in the same transaction as the events.
CREATE TABLE platform_unique_keys (
    scope    TEXT NOT NULL,
    key      TEXT NOT NULL,
    owner_id UUID NOT NULL,
    PRIMARY KEY (scope, key)
);

CREATE TABLE signing_keys (
    kid         TEXT PRIMARY KEY,
    algorithm   TEXT        NOT NULL,
    public_key  BYTEA       NOT NULL,
    private_key BYTEA       NOT NULL,
    created_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    retired_at  TIMESTAMPTZ
);

CREATE TABLE revoked_sessions (
    session_id UUID PRIMARY KEY,
    expires_at TIMESTAMPTZ NOT NULL
);

-- Tenant-scoped command-side lookups.

CREATE TABLE tenant_unique_keys (
    tenant_id UUID NOT NULL,
    scope     TEXT NOT NULL,
    key       TEXT NOT NULL,
    owner_id  UUID NOT NULL,
    PRIMARY KEY (tenant_id, scope, key)
);
CALL isolate_tenant('tenant_unique_keys');
