-- Media: tenants' files in object storage (issue 11).

-- The command side's running total of the bytes each tenant stores, written by the Media
-- aggregate in the same transaction as its events, so that two uploads at once cannot both pass
-- the quota. One row per tenant; the UPDATE that adds bytes locks it.
CREATE TABLE media_usage (
    tenant_id UUID   NOT NULL PRIMARY KEY,
    bytes     BIGINT NOT NULL CHECK (bytes >= 0)
);
CALL isolate_tenant('media_usage');

-- The read model of files: what staff list and what the image endpoint serves.
CREATE TABLE media (
    tenant_id    UUID        NOT NULL,
    id           UUID        NOT NULL,
    storage_key  TEXT        NOT NULL,
    content_type TEXT        NOT NULL,
    size_bytes   BIGINT      NOT NULL,
    sha256       TEXT        NOT NULL,
    width        INTEGER,
    height       INTEGER,
    file_name    TEXT,
    entity_type  TEXT,
    entity_id    UUID,
    position     INTEGER,
    alt          JSONB       NOT NULL DEFAULT '{}',
    version      BIGINT      NOT NULL,
    created_at   TIMESTAMPTZ NOT NULL,
    updated_at   TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (tenant_id, id)
);
CREATE INDEX media_page ON media (tenant_id, created_at, id);
CREATE INDEX media_entity ON media (tenant_id, entity_type, entity_id, position);
CALL isolate_tenant('media');
