-- API keys of each tenant: the read model that authentication looks keys up in, per request.
-- Written by the api-keys projection in the same transaction as the key's events, so a revocation
-- is visible to the next request on every node. Only the SHA-256 of a secret is stored.
CREATE TABLE api_keys (
    tenant_id    UUID        NOT NULL,
    id           UUID        NOT NULL,
    name         TEXT        NOT NULL,
    prefix       TEXT        NOT NULL,
    secret_hash  TEXT        NOT NULL,
    roles        TEXT[]      NOT NULL,
    expires_at   TIMESTAMPTZ,
    revoked_at   TIMESTAMPTZ,
    -- Operational, not part of the key's history: noted by authentication at most once a minute.
    last_used_at TIMESTAMPTZ,
    version      BIGINT      NOT NULL,
    created_at   TIMESTAMPTZ NOT NULL,
    updated_at   TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (tenant_id, id),
    UNIQUE (tenant_id, secret_hash)
);
CREATE INDEX api_keys_page ON api_keys (tenant_id, created_at, id);
CALL isolate_tenant('api_keys');

-- Rate-limit buckets (bucket4j), shared by every application node. Platform-level: not tenant
-- data, no tenant_id column; each key names its route group, tenant and client itself.
-- expires_at is epoch milliseconds, when the bucket would be full again; expired rows are purged.
CREATE TABLE rate_limit_buckets (
    id         TEXT   PRIMARY KEY,
    state      BYTEA,
    expires_at BIGINT
);
CREATE INDEX rate_limit_buckets_expiry ON rate_limit_buckets (expires_at);
