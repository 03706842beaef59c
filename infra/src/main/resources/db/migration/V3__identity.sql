CREATE TABLE user_accounts (
    tenant_id     UUID        NOT NULL,
    id            UUID        NOT NULL,
    email         TEXT        NOT NULL,
    display_name  TEXT,
    password_hash TEXT        NOT NULL,
    role          TEXT        NOT NULL,
    status        TEXT        NOT NULL,
    version       BIGINT      NOT NULL,
    created_at    TIMESTAMPTZ NOT NULL,
    updated_at    TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (tenant_id, id),
    UNIQUE (tenant_id, email)
);
CALL isolate_tenant('user_accounts');

CREATE TABLE auth_sessions (
    tenant_id          UUID        NOT NULL,
    id                 UUID        NOT NULL PRIMARY KEY,
    user_id            UUID        NOT NULL,
    refresh_token_hash TEXT        NOT NULL,
    created_at         TIMESTAMPTZ NOT NULL,
    last_used_at       TIMESTAMPTZ NOT NULL,
    expires_at         TIMESTAMPTZ NOT NULL,
    ip                 TEXT,
    user_agent         TEXT,
    revoked_at         TIMESTAMPTZ,
    revoked_reason     TEXT
);
CREATE INDEX auth_sessions_user ON auth_sessions (tenant_id, user_id);
CALL isolate_tenant('auth_sessions');
