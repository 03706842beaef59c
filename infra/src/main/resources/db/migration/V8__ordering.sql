-- Ordering. Command-side tables change in the same transaction as the events that justify them;
-- read tables are kept by the orders projection.

-- What orders may be placed for: each product's current name, price and stock, written by the
-- product's command handlers. on_hand is the stock as staff last counted it, less what has shipped
-- since; reserved is held by pending and paid orders. An order reserves only while
-- on_hand - reserved covers it, in one UPDATE per line, so concurrent orders never oversell.
CREATE TABLE stock_levels (
    tenant_id   UUID    NOT NULL,
    product_id  UUID    NOT NULL,
    name        TEXT    NOT NULL,
    price_minor BIGINT  NOT NULL,
    currency    CHAR(3) NOT NULL,
    active      BOOLEAN NOT NULL,
    on_hand     INTEGER NOT NULL,
    reserved    INTEGER NOT NULL DEFAULT 0 CHECK (reserved >= 0),
    PRIMARY KEY (tenant_id, product_id)
);
CALL isolate_tenant('stock_levels');

-- Products that existed before this table. The migrating role owns both tables, so lifting FORCE
-- for the length of this transaction lets it read every tenant's products; the policies stay.
ALTER TABLE products NO FORCE ROW LEVEL SECURITY;
ALTER TABLE stock_levels NO FORCE ROW LEVEL SECURITY;
INSERT INTO stock_levels (tenant_id, product_id, name, price_minor, currency, active, on_hand)
SELECT tenant_id, id, name, price_minor, currency, active, stock FROM products;
ALTER TABLE products FORCE ROW LEVEL SECURITY;
ALTER TABLE stock_levels FORCE ROW LEVEL SECURITY;

-- Order numbers: sequential per tenant, taken with one upsert in the placing transaction.
CREATE TABLE order_counters (
    tenant_id   UUID   NOT NULL PRIMARY KEY,
    last_number BIGINT NOT NULL
);
CALL isolate_tenant('order_counters');

-- Idempotency-Key records (Stripe semantics), per tenant, caller and key. The request hash tells a
-- replay from a reuse with another body; the stored response is what a replay returns.
CREATE TABLE idempotency_keys (
    tenant_id       UUID        NOT NULL,
    caller          TEXT        NOT NULL,
    key             TEXT        NOT NULL,
    request_hash    TEXT        NOT NULL,
    state           TEXT        NOT NULL,
    response_status INTEGER,
    response_headers JSONB,
    response_body   BYTEA,
    created_at      TIMESTAMPTZ NOT NULL,
    expires_at      TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (tenant_id, caller, key)
);
CREATE INDEX idempotency_keys_expiry ON idempotency_keys (tenant_id, expires_at);
CALL isolate_tenant('idempotency_keys');

-- Read model.
CREATE TABLE orders (
    tenant_id        UUID        NOT NULL,
    id               UUID        NOT NULL,
    number           BIGINT      NOT NULL,
    customer_id      UUID        NOT NULL,
    status           TEXT        NOT NULL,
    refund_required  BOOLEAN     NOT NULL DEFAULT FALSE,
    currency         CHAR(3)     NOT NULL,
    total_minor      BIGINT      NOT NULL,
    totals           JSONB       NOT NULL,
    lines            JSONB       NOT NULL,
    billing          JSONB       NOT NULL,
    shipping         JSONB       NOT NULL,
    version          BIGINT      NOT NULL,
    created_at       TIMESTAMPTZ NOT NULL,
    updated_at       TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (tenant_id, id),
    UNIQUE (tenant_id, number)
);
CREATE INDEX orders_page ON orders (tenant_id, created_at DESC, id DESC);
CREATE INDEX orders_customer ON orders (tenant_id, customer_id, created_at DESC, id DESC);
CREATE INDEX orders_status ON orders (tenant_id, status, created_at DESC, id DESC);
CALL isolate_tenant('orders');

CREATE TABLE order_history (
    tenant_id   UUID        NOT NULL,
    order_id    UUID        NOT NULL,
    sequence    BIGINT      NOT NULL,
    from_status TEXT,
    to_status   TEXT        NOT NULL,
    actor_id    UUID,
    note        TEXT,
    at          TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (tenant_id, order_id, sequence)
);
CALL isolate_tenant('order_history');
