-- The command side's record of each tenant's customer accounts: staff placing an order name its
-- customer, and the order must be refused unless that is a customer of this tenant. UserAccount
-- writes the list in the transaction of its events, so an order never decides from the lagging
-- user_accounts read model; row-level security hides other tenants' customers from it.
CREATE TABLE tenant_customers (
    tenant_id UUID NOT NULL,
    user_id   UUID NOT NULL,
    PRIMARY KEY (tenant_id, user_id)
);

-- Customers registered before this table, from their own history (never from the read model, which
-- may lag): accounts registered as customers whose latest role is still customer and that were not
-- deleted. Written before the table is isolated, as the policy would refuse rows without a tenant.
WITH registered AS (
    SELECT aggregate_identifier AS id,
           (convert_from(payload, 'UTF8')::jsonb ->> 'tenantId')::uuid AS tenant_id
      FROM domain_event_entry
     WHERE type = 'UserAccount'
       AND payload_type = 'dev.tenantcore.api.identity.UserRegisteredEvent'),
latest AS (
    SELECT DISTINCT ON (aggregate_identifier)
           aggregate_identifier AS id, payload_type, convert_from(payload, 'UTF8')::jsonb ->> 'role' AS role
      FROM domain_event_entry
     WHERE type = 'UserAccount'
       AND payload_type IN ('dev.tenantcore.api.identity.UserRegisteredEvent',
                            'dev.tenantcore.api.identity.UserRoleChangedEvent',
                            'dev.tenantcore.api.identity.UserDeletedEvent')
     ORDER BY aggregate_identifier, sequence_number DESC)
INSERT INTO tenant_customers (tenant_id, user_id)
SELECT r.tenant_id, r.id::uuid
  FROM registered r
  JOIN latest l ON l.id = r.id
 WHERE l.payload_type <> 'dev.tenantcore.api.identity.UserDeletedEvent'
   AND l.role = 'customer';

CALL isolate_tenant('tenant_customers');

-- A credit note names the invoice it corrects by its number too. Credit notes issued before their
-- events carried it take it from the invoice's row; the policy is lifted for this one statement,
-- inside the migration's transaction, because the migration runs with no tenant set.
ALTER TABLE invoices ADD COLUMN credits_invoice_number TEXT;
ALTER TABLE invoices NO FORCE ROW LEVEL SECURITY;
ALTER TABLE invoices DISABLE ROW LEVEL SECURITY;
UPDATE invoices c
   SET credits_invoice_number = i.number
  FROM invoices i
 WHERE c.credits_invoice_id = i.id
   AND c.tenant_id = i.tenant_id;
ALTER TABLE invoices ENABLE ROW LEVEL SECURITY;
ALTER TABLE invoices FORCE ROW LEVEL SECURITY;
