-- Coupon codes and order discounts.

-- The tenant's currency, which a fixed coupon's amount and a coupon's minimum subtotal must be in.
-- NULL: the tenant never chose one, so the default (EUR) applies. Backfilled from the tenants' own
-- latest settings events, as V14 filled the other facts.
ALTER TABLE tenant_facts ADD COLUMN currency TEXT;
UPDATE tenant_facts f
   SET currency = s.settings ->> 'currency'
  FROM (SELECT DISTINCT ON (aggregate_identifier)
               aggregate_identifier::uuid AS id, convert_from(payload, 'UTF8')::jsonb -> 'settings' AS settings
          FROM domain_event_entry
         WHERE type = 'Tenant'
           AND payload_type = 'dev.tenantcore.api.tenancy.TenantSettingsChangedEvent'
         ORDER BY aggregate_identifier, sequence_number DESC) s
 WHERE f.id = s.id;

-- The command side's own record of each coupon, written by the Coupon aggregate in the transaction
-- of its events and read by orders when they are placed: the terms in force, whether it is archived,
-- and how many orders use it. Placing an order locks the coupon's row (SELECT … FOR UPDATE), so
-- concurrent uses of one code wait for each other and never exceed its limits.
CREATE TABLE coupon_codes (
    tenant_id UUID    NOT NULL,
    id        UUID    NOT NULL,
    -- Upper case: codes are matched whatever case a customer types.
    code      TEXT    NOT NULL,
    terms     JSONB   NOT NULL,
    archived  BOOLEAN NOT NULL DEFAULT FALSE,
    -- Orders holding a use: placed with the code and neither cancelled nor expired unpaid.
    used      INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (tenant_id, id),
    UNIQUE (tenant_id, code)
);
CALL isolate_tenant('coupon_codes');

-- One row per order holding a use of a coupon, for the per-customer limit and to give the use back.
CREATE TABLE coupon_redemptions (
    tenant_id   UUID NOT NULL,
    order_id    UUID NOT NULL,
    coupon_id   UUID NOT NULL,
    customer_id UUID NOT NULL,
    PRIMARY KEY (tenant_id, order_id)
);
CREATE INDEX coupon_redemptions_customer ON coupon_redemptions (tenant_id, coupon_id, customer_id);
CALL isolate_tenant('coupon_redemptions');

-- Read table of the coupons, written by the orders projection (CouponProjection).
CREATE TABLE coupons (
    tenant_id  UUID        NOT NULL,
    id         UUID        NOT NULL,
    code       TEXT        NOT NULL,
    status     TEXT        NOT NULL,
    terms      JSONB       NOT NULL,
    version    BIGINT      NOT NULL,
    created_at TIMESTAMPTZ NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (tenant_id, id)
);
CREATE INDEX coupons_page ON coupons (tenant_id, created_at DESC, id DESC);
CREATE INDEX coupons_code ON coupons (tenant_id, code);
CALL isolate_tenant('coupons');
INSERT INTO read_model_tables (name) VALUES ('coupons');

-- The coupon an order was placed with (NULL: none).
ALTER TABLE orders ADD COLUMN coupon JSONB;

-- A line's share of its order's discount; the line's net is quantity × unit price less it.
ALTER TABLE invoice_lines ADD COLUMN discount_minor BIGINT NOT NULL DEFAULT 0;
