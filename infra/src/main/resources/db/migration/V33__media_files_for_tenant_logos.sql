-- Media files as the command side knows them (issue 11: tenant branding references media by id).
-- The Media aggregate writes a row in the same transaction as its upload and deletes it with its
-- deletion, so a command that names a file (a tenant's logo) decides from committed history, never
-- from the lagging media read model. One row per file, in its tenant.
CREATE TABLE media_files (
    tenant_id    UUID NOT NULL,
    media_id     UUID NOT NULL,
    content_type TEXT NOT NULL,
    PRIMARY KEY (tenant_id, media_id)
);

-- Files uploaded before this table, from their own history (never from the read model, which may
-- lag): every upload whose file has no deletion. Written before row-level security is switched on,
-- because the migration sets no tenant.
INSERT INTO media_files (tenant_id, media_id, content_type)
SELECT (convert_from(u.payload, 'UTF8')::jsonb ->> 'tenantId')::uuid,
       u.aggregate_identifier::uuid,
       convert_from(u.payload, 'UTF8')::jsonb -> 'file' ->> 'contentType'
  FROM domain_event_entry u
 WHERE u.type = 'Media'
   AND u.payload_type = 'dev.tenantcore.api.media.MediaUploadedEvent'
   AND NOT EXISTS (SELECT 1
                     FROM domain_event_entry d
                    WHERE d.aggregate_identifier = u.aggregate_identifier
                      AND d.payload_type = 'dev.tenantcore.api.media.MediaDeletedEvent');

CALL isolate_tenant('media_files');
