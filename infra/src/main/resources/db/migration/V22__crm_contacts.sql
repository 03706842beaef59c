-- The CRM's contacts: custom field definitions, lifecycle stages and the contacts read model.

-- Trigram indexes serve the contacts' text search (ILIKE '%…%' over name, e-mail, phone and
-- company). pg_trgm is a trusted extension (PostgreSQL 13+), so the migrating role creates it as the
-- database's owner without being a superuser; the runtime role only uses the index through ILIKE.
CREATE EXTENSION IF NOT EXISTS pg_trgm;

-- Command-side lookups, written by their aggregates in the command transaction, so that a contact
-- write validates its custom field values and stage against definitions committed a moment ago.
CREATE TABLE contact_field_definitions (
    tenant_id UUID    NOT NULL,
    id        UUID    NOT NULL,
    key       TEXT    NOT NULL,
    type      TEXT    NOT NULL,
    options   TEXT[]  NOT NULL DEFAULT '{}',
    required  BOOLEAN NOT NULL,
    is_unique BOOLEAN NOT NULL,
    PRIMARY KEY (tenant_id, id),
    UNIQUE (tenant_id, key)
);
CALL isolate_tenant('contact_field_definitions');

CREATE TABLE contact_stage_lists (
    tenant_id UUID   NOT NULL PRIMARY KEY,
    stages    TEXT[] NOT NULL
);
CALL isolate_tenant('contact_stage_lists');

-- Read tables, written by the crm projection.
CREATE TABLE contacts (
    tenant_id           UUID        NOT NULL,
    id                  UUID        NOT NULL,
    name                TEXT        NOT NULL,
    company             TEXT,
    emails              TEXT[]      NOT NULL DEFAULT '{}',
    phones              TEXT[]      NOT NULL DEFAULT '{}',
    address             JSONB,
    locale              TEXT,
    stage               TEXT,
    owner_id            UUID,
    source              TEXT,
    consents            JSONB       NOT NULL DEFAULT '[]',
    tags                TEXT[]      NOT NULL DEFAULT '{}',
    -- Keyed by the definition's id: a renamed field keeps its values, a removed one stops showing.
    custom_fields       JSONB       NOT NULL DEFAULT '{}',
    customer_account_id UUID,
    channel_handles     JSONB       NOT NULL DEFAULT '[]',
    notes               JSONB       NOT NULL DEFAULT '[]',
    status              TEXT        NOT NULL,
    merged_into         UUID,
    search_text         TEXT        NOT NULL DEFAULT '',
    version             BIGINT      NOT NULL,
    created_at          TIMESTAMPTZ NOT NULL,
    updated_at          TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (tenant_id, id)
);
CREATE INDEX contacts_page ON contacts (tenant_id, created_at, id);
CREATE INDEX contacts_updated ON contacts (tenant_id, updated_at);
CREATE INDEX contacts_stage ON contacts (tenant_id, stage);
CREATE INDEX contacts_owner ON contacts (tenant_id, owner_id);
CREATE INDEX contacts_tags ON contacts USING gin (tags);
CREATE INDEX contacts_custom_fields ON contacts USING gin (custom_fields jsonb_path_ops);
CREATE INDEX contacts_search ON contacts USING gin (search_text gin_trgm_ops);
CALL isolate_tenant('contacts');

-- What the text search matches, kept by the table itself so that no write can forget it.
CREATE FUNCTION contacts_search_text() RETURNS trigger
    LANGUAGE plpgsql
AS $$
BEGIN
    NEW.search_text := lower(concat_ws(' ', NEW.name, NEW.company,
                                       array_to_string(NEW.emails, ' '), array_to_string(NEW.phones, ' ')));
    RETURN NEW;
END
$$;
CREATE TRIGGER contacts_search_text BEFORE INSERT OR UPDATE ON contacts
    FOR EACH ROW EXECUTE FUNCTION contacts_search_text();

CREATE TABLE contact_fields (
    tenant_id  UUID        NOT NULL,
    id         UUID        NOT NULL,
    key        TEXT        NOT NULL,
    label      TEXT        NOT NULL,
    type       TEXT        NOT NULL,
    options    TEXT[]      NOT NULL DEFAULT '{}',
    required   BOOLEAN     NOT NULL,
    is_unique  BOOLEAN     NOT NULL,
    version    BIGINT      NOT NULL,
    created_at TIMESTAMPTZ NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (tenant_id, id)
);
CREATE INDEX contact_fields_key ON contact_fields (tenant_id, key);
CALL isolate_tenant('contact_fields');

CREATE TABLE contact_stages (
    tenant_id  UUID        NOT NULL,
    id         UUID        NOT NULL,
    stages     TEXT[]      NOT NULL,
    version    BIGINT      NOT NULL,
    created_at TIMESTAMPTZ NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (tenant_id, id)
);
CALL isolate_tenant('contact_stages');

-- The read-model reset learns the CRM's read tables (the allow-list of V15, extended).
CREATE OR REPLACE FUNCTION reset_read_tables(tables text[]) RETURNS integer
    LANGUAGE plpgsql
    SECURITY DEFINER
    SET search_path = pg_catalog, public, pg_temp
AS $$
DECLARE
    allowed CONSTANT text[] := ARRAY[
        'platform_tenants', 'user_accounts', 'api_keys', 'categories', 'products',
        'orders', 'order_history', 'payments', 'invoices', 'invoice_lines',
        'contacts', 'contact_fields', 'contact_stages'];
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
