-- The application nodes sharing this database, each with its last sign of life: event processors
-- spread their segments over the nodes seen recently (see SegmentBalancer). Not tenant data: a
-- node serves every tenant, so the table has no tenant_id and no row-level security.
CREATE TABLE processing_nodes (
    node_id  TEXT        PRIMARY KEY,
    seen_at  TIMESTAMPTZ NOT NULL
);
