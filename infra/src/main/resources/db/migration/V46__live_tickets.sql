-- Single-use tickets that open a live event socket from a browser, which cannot send an
-- Authorization header with a WebSocket upgrade. Only the SHA-256 of a ticket is stored; redeeming
-- deletes the row, so a ticket opens one socket at most. A ticket is found only under its own
-- tenant (row-level security), so one issued on tenant A's domain is unknown on tenant B's.
CREATE TABLE live_tickets (
    tenant_id        UUID        NOT NULL,
    ticket_hash      BYTEA       NOT NULL,
    user_id          UUID        NOT NULL,
    role             TEXT        NOT NULL,
    session_id       UUID        NOT NULL,
    -- The access token's own expiry: the socket it opens closes then.
    token_expires_at TIMESTAMPTZ NOT NULL,
    expires_at       TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (tenant_id, ticket_hash)
);
CREATE INDEX live_tickets_expiry ON live_tickets (tenant_id, expires_at);
CALL isolate_tenant('live_tickets');
