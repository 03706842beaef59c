-- Payments across orders (issue 16): staff's own reference and note on each payment, and indexes
-- for the list's filters. Each index leads with the filter's column and ends in the list's keyset
-- order, so a page is an index range read newest first, with the tenant_id that row-level security
-- adds as its first column.
ALTER TABLE payments ADD COLUMN reference TEXT, ADD COLUMN note TEXT;
CREATE INDEX payments_created ON payments (tenant_id, created_at DESC, id DESC);
CREATE INDEX payments_status ON payments (tenant_id, status, created_at DESC, id DESC);
CREATE INDEX payments_provider ON payments (tenant_id, provider, created_at DESC, id DESC);
CREATE INDEX payments_updated ON payments (tenant_id, updated_at DESC, id DESC);
