-- Saved segments of the CRM's contacts, and the order facts their "has ordered", "total spent" and
-- "last activity" conditions read. Both are read tables, written by the crm-segments projections.

CREATE TABLE segments (
    tenant_id  UUID        NOT NULL,
    id         UUID        NOT NULL,
    name       TEXT        NOT NULL,
    -- The filter as data (typed conditions); the query side turns it into SQL when it is read.
    filter     JSONB       NOT NULL,
    version    BIGINT      NOT NULL,
    created_at TIMESTAMPTZ NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (tenant_id, id)
);
CREATE INDEX segments_page ON segments (tenant_id, created_at, id);
CALL isolate_tenant('segments');

-- One row per order of the tenant's buyers. The order is matched to a contact when a segment is read
-- (by the contact's linked customer account, else by its e-mails), not when the order is projected,
-- so it does not matter whether the order or the contact made from it arrives first. Rows per order,
-- rather than running totals, keep every event's write idempotent: a refund sets paid_minor to 0.
CREATE TABLE crm_buyer_orders (
    tenant_id   UUID        NOT NULL,
    id          UUID        NOT NULL,
    customer_id UUID,
    -- The billing e-mail in lower case, as contacts keep theirs.
    buyer_email TEXT,
    currency    TEXT        NOT NULL,
    total_minor BIGINT      NOT NULL,
    -- The total while the order is paid; 0 before it is paid and once it is refunded.
    paid_minor  BIGINT      NOT NULL DEFAULT 0,
    -- Whether the order still counts as ordered: false once cancelled or expired.
    standing    BOOLEAN     NOT NULL DEFAULT TRUE,
    version     BIGINT      NOT NULL,
    -- When the order was placed.
    created_at  TIMESTAMPTZ NOT NULL,
    updated_at  TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (tenant_id, id)
);
CREATE INDEX crm_buyer_orders_customer ON crm_buyer_orders (tenant_id, customer_id);
CREATE INDEX crm_buyer_orders_email ON crm_buyer_orders (tenant_id, buyer_email);
CALL isolate_tenant('crm_buyer_orders');

-- Segments match contacts by linked account when their orders are read.
CREATE INDEX contacts_account_for_segments ON contacts (tenant_id, customer_account_id);

-- A replay of the crm-segments processor empties both read tables first (V28's list).
INSERT INTO read_model_tables (name) VALUES ('segments'), ('crm_buyer_orders');
