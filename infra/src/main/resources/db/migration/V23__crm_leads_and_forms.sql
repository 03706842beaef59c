-- Leads and public forms (CRM).

-- The command side's record of each tenant's current form definitions, written by the LeadForm
-- aggregate in its command transaction; a submission is checked against it.
CREATE TABLE lead_form_definitions (
    tenant_id  UUID  NOT NULL,
    form_id    UUID  NOT NULL,
    form_key   TEXT  NOT NULL,
    definition JSONB NOT NULL,
    PRIMARY KEY (tenant_id, form_id),
    UNIQUE (tenant_id, form_key)
);
CALL isolate_tenant('lead_form_definitions');

-- Read model: the forms staff manage and visitors fill in.
CREATE TABLE lead_forms (
    tenant_id    UUID        NOT NULL,
    id           UUID        NOT NULL,
    form_key     TEXT        NOT NULL,
    name         TEXT        NOT NULL,
    fields       JSONB       NOT NULL,
    questions    JSONB       NOT NULL,
    consent_text TEXT,
    version      BIGINT      NOT NULL,
    created_at   TIMESTAMPTZ NOT NULL,
    updated_at   TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (tenant_id, id)
);
CREATE INDEX lead_forms_page ON lead_forms (tenant_id, created_at, id);
CREATE INDEX lead_forms_key ON lead_forms (tenant_id, form_key);
CALL isolate_tenant('lead_forms');

-- Read model: leads, listed newest first and filtered by status, owner or form.
CREATE TABLE leads (
    tenant_id        UUID        NOT NULL,
    id               UUID        NOT NULL,
    form_id          UUID        NOT NULL,
    form_key         TEXT        NOT NULL,
    status           TEXT        NOT NULL,
    name             TEXT,
    email            TEXT,
    phone            TEXT,
    message          TEXT,
    fields           JSONB       NOT NULL,
    answers          JSONB       NOT NULL,
    consent          JSONB,
    owner_id         UUID,
    contact_id       UUID,
    rejection_reason TEXT,
    version          BIGINT      NOT NULL,
    created_at       TIMESTAMPTZ NOT NULL,
    updated_at       TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (tenant_id, id)
);
CREATE INDEX leads_page ON leads (tenant_id, created_at, id);
CREATE INDEX leads_status ON leads (tenant_id, status, created_at, id);
CREATE INDEX leads_owner ON leads (tenant_id, owner_id, created_at, id);
CREATE INDEX leads_form ON leads (tenant_id, form_id, created_at, id);
CALL isolate_tenant('leads');

-- Staff notes on a lead, keyed by the event's sequence so that a redelivery adds nothing.
CREATE TABLE lead_notes (
    tenant_id UUID        NOT NULL,
    lead_id   UUID        NOT NULL,
    sequence  BIGINT      NOT NULL,
    text      TEXT        NOT NULL,
    author_id UUID,
    at        TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (tenant_id, lead_id, sequence)
);
CALL isolate_tenant('lead_notes');

-- The read-model reset learns the lead read tables (the allow-list of V15 as the contacts'
-- migration extends it, extended again): the function is otherwise unchanged.
CREATE OR REPLACE FUNCTION reset_read_tables(tables text[]) RETURNS integer
    LANGUAGE plpgsql
    SECURITY DEFINER
    SET search_path = pg_catalog, public, pg_temp
AS $$
DECLARE
    allowed CONSTANT text[] := ARRAY[
        'platform_tenants', 'user_accounts', 'api_keys', 'categories', 'products',
        'orders', 'order_history', 'payments', 'invoices', 'invoice_lines',
        'contacts', 'contact_fields', 'contact_stages',
        'lead_forms', 'leads', 'lead_notes'];
    read_table text;
BEGIN
    IF tables IS NULL OR cardinality(tables) = 0 THEN
        RAISE EXCEPTION 'no read table named' USING ERRCODE = 'invalid_parameter_value';
    END IF;
    FOREACH read_table IN ARRAY tables LOOP
        IF read_table IS NULL OR NOT read_table = ANY (allowed) THEN
            RAISE EXCEPTION '% is not a read table that may be reset', read_table USING ERRCODE = 'insufficient_privilege';
        END IF;
    END LOOP;
    EXECUTE 'TRUNCATE ' || (SELECT string_agg(format('public.%I', t), ', ') FROM unnest(tables) AS t);
    RETURN cardinality(tables);
END
$$;

REVOKE ALL ON FUNCTION reset_read_tables(text[]) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION reset_read_tables(text[]) TO ${appRole};
