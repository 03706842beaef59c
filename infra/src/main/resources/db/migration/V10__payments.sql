-- Payments. Provider settings are command-side state, not events: their secrets must stay
-- replaceable and erasable, and are stored only AES-256-GCM-encrypted by the application (the
-- key never reaches the database). The *_last4 columns are what the API may show of a secret.
CREATE TABLE payment_provider_settings (
    tenant_id            UUID        NOT NULL,
    provider             TEXT        NOT NULL,
    enabled              BOOLEAN     NOT NULL,
    publishable_key      TEXT,
    account_id           TEXT,
    secret_key           BYTEA,
    secret_key_last4     TEXT,
    webhook_secret       BYTEA,
    webhook_secret_last4 TEXT,
    updated_at           TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (tenant_id, provider)
);
CALL isolate_tenant('payment_provider_settings');

-- Read model.
CREATE TABLE payments (
    tenant_id           UUID        NOT NULL,
    id                  UUID        NOT NULL,
    order_id            UUID        NOT NULL,
    customer_id         UUID        NOT NULL,
    provider            TEXT        NOT NULL,
    provider_payment_id TEXT,
    status              TEXT        NOT NULL,
    amount_minor        BIGINT      NOT NULL,
    currency            CHAR(3)     NOT NULL,
    refunded_minor      BIGINT      NOT NULL DEFAULT 0,
    failure_reason      TEXT,
    version             BIGINT      NOT NULL,
    created_at          TIMESTAMPTZ NOT NULL,
    updated_at          TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (tenant_id, id)
);
CREATE INDEX payments_order ON payments (tenant_id, order_id, created_at DESC, id DESC);
CALL isolate_tenant('payments');

-- Which payment a provider's reference (a Stripe PaymentIntent id) belongs to, so a webhook can
-- name the aggregate. Written by the payment's creating command, in its transaction.
CREATE TABLE payment_references (
    tenant_id           UUID NOT NULL,
    provider            TEXT NOT NULL,
    provider_payment_id TEXT NOT NULL,
    payment_id          UUID NOT NULL,
    PRIMARY KEY (tenant_id, provider, provider_payment_id)
);
CALL isolate_tenant('payment_references');

-- Provider events already handled: inserted in the transaction of the command they caused, so a
-- redelivered event changes nothing.
CREATE TABLE payment_webhook_events (
    tenant_id   UUID        NOT NULL,
    provider    TEXT        NOT NULL,
    event_id    TEXT        NOT NULL,
    outcome     TEXT        NOT NULL,
    received_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (tenant_id, provider, event_id)
);
CALL isolate_tenant('payment_webhook_events');

-- Platform-level: the random id in a tenant's webhook URL. A webhook arrives before any tenant is
-- known, so this lookup cannot be row-level-secured; it names only which tenant's secret must
-- verify the delivery, and grants nothing by itself.
CREATE TABLE platform_webhook_endpoints (
    endpoint_id  TEXT        PRIMARY KEY,
    owner_tenant UUID        NOT NULL,
    provider     TEXT        NOT NULL,
    created_at   TIMESTAMPTZ NOT NULL,
    UNIQUE (owner_tenant, provider)
);
