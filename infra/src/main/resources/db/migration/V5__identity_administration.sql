-- Identity administration: the command side's list of each tenant's active owners, so that no
-- change leaves a tenant without one, and keyset pagination over a tenant's accounts.

CREATE TABLE tenant_owners (
    tenant_id UUID NOT NULL,
    user_id   UUID NOT NULL,
    PRIMARY KEY (tenant_id, user_id)
);
CALL isolate_tenant('tenant_owners');

-- Owners that existed before this table. The migrating role owns both tables, so lifting FORCE for
-- the length of this transaction lets it read every tenant's accounts; the policies stay in place.
ALTER TABLE user_accounts NO FORCE ROW LEVEL SECURITY;
ALTER TABLE tenant_owners NO FORCE ROW LEVEL SECURITY;
INSERT INTO tenant_owners (tenant_id, user_id)
SELECT tenant_id, id FROM user_accounts WHERE role = 'owner' AND status = 'active';
ALTER TABLE user_accounts FORCE ROW LEVEL SECURITY;
ALTER TABLE tenant_owners FORCE ROW LEVEL SECURITY;

CREATE INDEX user_accounts_page ON user_accounts (tenant_id, created_at, id);
