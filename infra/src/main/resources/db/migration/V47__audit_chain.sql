-- The per-tenant hash chain over the event store (README "Audit", "The hash chain"). Each tenant's
-- events, as tenant_event_log shows them to that tenant and in global order, form a chain:
-- link_n = SHA-256(link_(n-1) || canonical bytes of event n). The links are computed after the
-- events are stored, by one pass over the event store in global order (AuditChainBuilder), never
-- in a command's transaction.

-- One link per event of a tenant's chain: its position, how many of the tenant's events the chain
-- covers up to it, and the event's id (so a link whose event went missing can still be named).
-- Append-only for the application: a link once written is never changed.
CREATE TABLE audit_chain_links (
    tenant_id       UUID   NOT NULL,
    global_position BIGINT NOT NULL,
    count           BIGINT NOT NULL,
    event_id        TEXT   NOT NULL,
    hash            BYTEA  NOT NULL CHECK (length(hash) = 32),
    PRIMARY KEY (tenant_id, global_position),
    UNIQUE (tenant_id, count)
);
CALL isolate_tenant('audit_chain_links');
REVOKE UPDATE, DELETE ON audit_chain_links FROM ${appRole};

-- Where the one pass over the event store stands (not a tenant's row: it walks every tenant's
-- events). A position missing from the store is waited for (gap_position, first seen at
-- gap_seen_at) before the pass goes beyond it: a transaction that took it may still commit.
CREATE TABLE audit_chain_progress (
    id            SMALLINT PRIMARY KEY CHECK (id = 1),
    last_position BIGINT   NOT NULL,
    gap_position  BIGINT,
    gap_seen_at   TIMESTAMPTZ
);
INSERT INTO audit_chain_progress (id, last_position) VALUES (1, 0);
REVOKE INSERT, DELETE ON audit_chain_progress FROM ${appRole};

-- The platform's keys that sign checkpoints (ES256). Private parts are sealed by the credential
-- store's key ring; public keys are published for ever (a checkpoint of years ago still verifies),
-- so no key is ever deleted.
CREATE TABLE audit_checkpoint_keys (
    kid         TEXT PRIMARY KEY,
    algorithm   TEXT        NOT NULL,
    public_key  BYTEA       NOT NULL,
    private_key BYTEA       NOT NULL,
    sealed_with TEXT        NOT NULL,
    created_at  TIMESTAMPTZ NOT NULL,
    retired_at  TIMESTAMPTZ
);
REVOKE DELETE ON audit_checkpoint_keys FROM ${appRole};

-- Signed checkpoints of each tenant's chain: the head at a position, as a compact JWS. Append-only.
CREATE TABLE audit_checkpoints (
    tenant_id       UUID        NOT NULL,
    id              UUID        NOT NULL,
    seq             BIGINT      GENERATED ALWAYS AS IDENTITY,
    count           BIGINT      NOT NULL,
    global_position BIGINT      NOT NULL,
    head            TEXT        NOT NULL,
    kid             TEXT        NOT NULL REFERENCES audit_checkpoint_keys (kid),
    jws             TEXT        NOT NULL,
    created_at      TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (tenant_id, id)
);
CREATE INDEX audit_checkpoints_pages ON audit_checkpoints (tenant_id, seq);
CREATE INDEX audit_checkpoints_count ON audit_checkpoints (tenant_id, count);
CALL isolate_tenant('audit_checkpoints');
REVOKE UPDATE, DELETE ON audit_checkpoints FROM ${appRole};
