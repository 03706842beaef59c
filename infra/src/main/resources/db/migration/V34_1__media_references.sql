-- What shows a tenant's file by its id, outside the file's own attachment (issue 11: a file that
-- something still references cannot be deleted). Written by the command that sets the reference
-- (today the tenant's logo in its settings) in its own transaction, read by the file's deletion in
-- its transaction: the command side decides from committed history, never from a read model.
-- One row per referrer: a referrer kind (as the media entity types name it) and the referrer's id.
CREATE TABLE media_references (
    tenant_id     UUID NOT NULL,
    referrer_kind TEXT NOT NULL,
    referrer_id   UUID NOT NULL,
    media_id      UUID NOT NULL,
    PRIMARY KEY (tenant_id, referrer_kind, referrer_id),
    -- A reference always names a file the command side knows, so no race can leave one dangling:
    -- a deletion that commits first makes the reference's insert fail, and a reference that
    -- commits first makes the deletion's check see it (both lock the file's row).
    FOREIGN KEY (tenant_id, media_id) REFERENCES media_files (tenant_id, media_id)
);

CREATE INDEX media_references_by_media ON media_references (tenant_id, media_id);

-- Logos set before this table, from each tenant's latest settings in its own history, where the
-- file is still there. Written before row-level security is switched on: the migration sets no tenant.
INSERT INTO media_references (tenant_id, referrer_kind, referrer_id, media_id)
SELECT s.id, 'tenant_logo', s.id, s.logo
  FROM (SELECT DISTINCT ON (aggregate_identifier)
               aggregate_identifier::uuid AS id,
               (convert_from(payload, 'UTF8')::jsonb -> 'settings' -> 'branding' ->> 'logoMediaId')::uuid AS logo
          FROM domain_event_entry
         WHERE type = 'Tenant'
           AND payload_type = 'dev.tenantcore.api.tenancy.TenantSettingsChangedEvent'
         ORDER BY aggregate_identifier, sequence_number DESC) s
 WHERE s.logo IS NOT NULL
   AND EXISTS (SELECT 1 FROM media_files f WHERE f.tenant_id = s.id AND f.media_id = s.logo);

CALL isolate_tenant('media_references');
