-- Outbound webhooks (command side, package command.automations.webhooks).

-- Each endpoint as its WebhookEndpoint aggregate's commands left it, written in the command's
-- transaction: what the fan-out, the sender and the endpoint routes read. The signing secrets are in
-- the encrypted credential store. previous_secret_until: the replaced secret still signs until then.
-- failing_since: the first failed attempt since the last delivered one (null while it delivers).
CREATE TABLE outbound_webhook_endpoints (
    tenant_id             UUID        NOT NULL,
    id                    UUID        NOT NULL,
    url                   TEXT        NOT NULL,
    event_types           TEXT[]      NOT NULL,
    description           TEXT,
    enabled               BOOLEAN     NOT NULL,
    disabled_reason       TEXT,
    previous_secret_until TIMESTAMPTZ,
    failing_since         TIMESTAMPTZ,
    registered_by         UUID,
    version               BIGINT      NOT NULL,
    created_at            TIMESTAMPTZ NOT NULL,
    updated_at            TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (tenant_id, id)
);
CALL isolate_tenant('outbound_webhook_endpoints');

-- One message per (endpoint, event): a redelivered or replayed event finds its row and never makes
-- a second message. body is the envelope as first sent, so every retry sends the same bytes.
-- round_attempts counts the attempts since it was last queued (the retry schedule's position);
-- attempts counts them all.
CREATE TABLE outbound_webhook_messages (
    tenant_id       UUID        NOT NULL,
    id              UUID        NOT NULL,
    endpoint_id     UUID        NOT NULL,
    event_id        UUID        NOT NULL,
    event_type      TEXT        NOT NULL,
    body            TEXT        NOT NULL,
    status          TEXT        NOT NULL CHECK (status IN ('pending', 'delivered', 'failed', 'cancelled')),
    attempts        INT         NOT NULL,
    round_attempts  INT         NOT NULL,
    next_attempt_at TIMESTAMPTZ,
    created_at      TIMESTAMPTZ NOT NULL,
    updated_at      TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (tenant_id, id),
    UNIQUE (tenant_id, endpoint_id, event_id)
);
CALL isolate_tenant('outbound_webhook_messages');
CREATE INDEX outbound_webhook_messages_page ON outbound_webhook_messages (tenant_id, endpoint_id, created_at DESC, id DESC);

-- Every attempt: the receiver's status code (null when there was no answer), how long it took, and
-- the first kilobyte of a text answer or why there was none.
CREATE TABLE outbound_webhook_attempts (
    tenant_id    UUID        NOT NULL,
    delivery_id  UUID        NOT NULL,
    attempt      INT         NOT NULL,
    attempted_at TIMESTAMPTZ NOT NULL,
    status_code  INT,
    latency_ms   BIGINT      NOT NULL,
    response     TEXT,
    error        TEXT,
    PRIMARY KEY (tenant_id, delivery_id, attempt)
);
CALL isolate_tenant('outbound_webhook_attempts');
