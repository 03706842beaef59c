-- Invoicing. Command-side tables change in the same transaction as the events that justify them;
-- read tables are kept by the invoices projection.

-- Invoice numbers: one counter per tenant and series (the number pattern with its date filled in,
-- e.g. 'INV-2026-{seq:6}'), taken with one upsert in the issuing transaction. The upsert locks the
-- row until that transaction ends, so concurrent issues queue, and a rolled-back issue gives its
-- number back: the series stays gapless.
CREATE TABLE invoice_counters (
    tenant_id   UUID   NOT NULL,
    series      TEXT   NOT NULL,
    last_number BIGINT NOT NULL,
    PRIMARY KEY (tenant_id, series)
);
CALL isolate_tenant('invoice_counters');

-- What the order invoicing policy remembers of a placed order to invoice it once paid, and whether
-- its invoice and credit note were requested, so a redelivered event asks for neither again.
CREATE TABLE invoicing_orders (
    tenant_id       UUID    NOT NULL,
    order_id        UUID    NOT NULL,
    currency        CHAR(3) NOT NULL,
    buyer           JSONB   NOT NULL,
    lines           JSONB   NOT NULL,
    invoiced        BOOLEAN NOT NULL DEFAULT FALSE,
    credited        BOOLEAN NOT NULL DEFAULT FALSE,
    PRIMARY KEY (tenant_id, order_id)
);
CALL isolate_tenant('invoicing_orders');

-- Read model.
CREATE TABLE invoices (
    tenant_id          UUID        NOT NULL,
    id                 UUID        NOT NULL,
    kind               TEXT        NOT NULL,
    status             TEXT        NOT NULL,
    number             TEXT,
    order_id           UUID,
    credits_invoice_id UUID,
    seller             JSONB       NOT NULL,
    buyer              JSONB       NOT NULL,
    currency           CHAR(3)     NOT NULL,
    net_minor          BIGINT      NOT NULL,
    tax_minor          BIGINT      NOT NULL,
    total_minor        BIGINT      NOT NULL,
    void_reason        TEXT,
    issued_at          TIMESTAMPTZ,
    paid_at            TIMESTAMPTZ,
    version            BIGINT      NOT NULL,
    created_at         TIMESTAMPTZ NOT NULL,
    updated_at         TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (tenant_id, id),
    UNIQUE (tenant_id, number)
);
CREATE INDEX invoices_page ON invoices (tenant_id, created_at DESC, id DESC);
CREATE INDEX invoices_status ON invoices (tenant_id, status, created_at DESC, id DESC);
CREATE INDEX invoices_issued ON invoices (tenant_id, issued_at);
CALL isolate_tenant('invoices');

CREATE TABLE invoice_lines (
    tenant_id            UUID    NOT NULL,
    invoice_id           UUID    NOT NULL,
    position             INTEGER NOT NULL,
    description          TEXT    NOT NULL,
    quantity             INTEGER NOT NULL,
    unit_price_minor     BIGINT  NOT NULL,
    tax_rate_basis_points INTEGER NOT NULL,
    net_minor            BIGINT  NOT NULL,
    PRIMARY KEY (tenant_id, invoice_id, position)
);
CALL isolate_tenant('invoice_lines');
