-- Tenant self-administration: settings, verified domains and closed tenants on the platform's
-- tenant read model. A platform table: its rows are the tenants themselves, so no tenant_id.

-- NULL until the tenant first chooses its settings; readers then show defaults under its name.
ALTER TABLE platform_tenants ADD COLUMN settings JSONB;

-- Every domain recorded so far was added by the platform, which is trusted: verified.
UPDATE platform_tenants
   SET domains = (SELECT coalesce(jsonb_agg(d || '{"verified": true, "verificationToken": null}'::jsonb ORDER BY n),
                                  '[]'::jsonb)
                    FROM jsonb_array_elements(domains) WITH ORDINALITY AS t(d, n));

-- The platform's tenant list pages by (created_at, id) and filters by status.
CREATE INDEX platform_tenants_page ON platform_tenants (created_at, id);
CREATE INDEX platform_tenants_status ON platform_tenants (status, created_at, id);
