-- Tenants' secrets (provider keys today; mail senders and channels next), encrypted by the
-- application with AES-256-GCM (the keys never reach the database, unless none is configured: see
-- credential_keys). key_id names the key that encrypted the value, so the master key can rotate.
-- Written in the transaction of the command whose event says which secret changed.
CREATE TABLE tenant_credentials (
    tenant_id  UUID        NOT NULL,
    scope      TEXT        NOT NULL,
    name       TEXT        NOT NULL,
    key_id     TEXT        NOT NULL,
    ciphertext BYTEA       NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (tenant_id, scope, name)
);
CALL isolate_tenant('tenant_credentials');

-- Platform-level: the key generated at first start when the operator configures none, shared by
-- every node on this database as the signing keys are. The application warns while it is active.
CREATE TABLE credential_keys (
    key_id       TEXT        PRIMARY KEY,
    key_material BYTEA       NOT NULL,
    created_at   TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- Provider settings become an event-sourced aggregate; this table is now only its command-side
-- lookup (no secrets). The old rows are dropped, not migrated: they have no history behind them,
-- their secrets were sealed under a key and layout the new store does not use, and no production
-- data exists yet. Tenants set their providers up again.
DROP TABLE payment_provider_settings;
CREATE TABLE payment_provider_settings (
    tenant_id       UUID        NOT NULL,
    provider        TEXT        NOT NULL,
    enabled         BOOLEAN     NOT NULL,
    publishable_key TEXT,
    account_id      TEXT,
    server_url      TEXT,
    version         BIGINT      NOT NULL,
    updated_at      TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (tenant_id, provider)
);
CALL isolate_tenant('payment_provider_settings');
