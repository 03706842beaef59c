-- An offboarding may erase the closed tenant as a whole: once the tenant is closed, every data
-- subject key of it is shredded (ShredTenantKeysCommand) and the count recorded here.
ALTER TABLE tenant_offboardings
    ADD COLUMN shred_keys    BOOLEAN NOT NULL DEFAULT false,
    ADD COLUMN keys_shredded INTEGER;
