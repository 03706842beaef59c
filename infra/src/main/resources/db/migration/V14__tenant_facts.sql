-- The command side's own record of each tenant: what orders, invoices and payments decide with
-- (the seller's name, the tax rate, the checkout settings). The Tenant aggregate writes it in the
-- same transaction as its events, so no command decides from the lagging platform_tenants read
-- model. A platform table, keyed by the tenant itself: platform commands write it (registration)
-- and tenants' commands read it, so it has no tenant_id and no row-level policy. It holds nothing
-- secret. NULL checkout columns mean the default checkout settings.
CREATE TABLE tenant_facts (
    id                     UUID    PRIMARY KEY,
    name                   TEXT    NOT NULL,
    display_name           TEXT,
    tax_rate_basis_points  INTEGER NOT NULL DEFAULT 0,
    default_provider       TEXT,
    payment_window_minutes INTEGER,
    on_payment_failure     TEXT
);

-- Tenants registered before this table, from their own history (never from the read model, which
-- may lag): the latest name, then the latest settings.
INSERT INTO tenant_facts (id, name)
SELECT DISTINCT ON (aggregate_identifier)
       aggregate_identifier::uuid, convert_from(payload, 'UTF8')::jsonb ->> 'name'
  FROM domain_event_entry
 WHERE type = 'Tenant'
   AND payload_type IN ('dev.tenantcore.api.tenancy.TenantRegisteredEvent',
                        'dev.tenantcore.api.tenancy.TenantRenamedEvent')
 ORDER BY aggregate_identifier, sequence_number DESC;

UPDATE tenant_facts f
   SET display_name           = s.settings ->> 'displayName',
       tax_rate_basis_points  = coalesce((s.settings ->> 'taxRateBasisPoints')::int, 0),
       default_provider       = s.settings -> 'checkout' ->> 'defaultProvider',
       payment_window_minutes = (s.settings -> 'checkout' ->> 'paymentWindowMinutes')::int,
       on_payment_failure     = s.settings -> 'checkout' ->> 'onPaymentFailure'
  FROM (SELECT DISTINCT ON (aggregate_identifier)
               aggregate_identifier::uuid AS id, convert_from(payload, 'UTF8')::jsonb -> 'settings' AS settings
          FROM domain_event_entry
         WHERE type = 'Tenant'
           AND payload_type = 'dev.tenantcore.api.tenancy.TenantSettingsChangedEvent'
         ORDER BY aggregate_identifier, sequence_number DESC) s
 WHERE f.id = s.id;
