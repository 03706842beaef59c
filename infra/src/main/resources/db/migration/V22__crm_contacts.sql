-- The CRM's contacts: custom field definitions, lifecycle stages and the contacts read model.

-- The contacts' text search (a substring of name, e-mail, phone or company) splits text into
-- trigrams with pg_trgm's show_trgm. pg_trgm is a trusted extension (PostgreSQL 13+), so the
-- migrating role creates it as the database's owner without being a superuser. Functions are not
-- executable by PUBLIC here (V1's default privileges), so the runtime role is granted show_trgm.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
GRANT EXECUTE ON FUNCTION show_trgm(text) TO ${appRole};

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
CALL isolate_tenant('contacts');

-- A trigram index the runtime role can use. Under forced row-level security PostgreSQL evaluates
-- the policy before any condition whose operator is not LEAKPROOF, so it never uses a GIN trigram
-- index for LIKE (textlike is not leakproof; only a superuser could mark it). Equality on text is
-- leakproof: each contact's trigrams are rows here, found by (tenant, gram) through the primary
-- key, and LIKE then only confirms the few contacts that have every trigram of the search.
CREATE TABLE contact_search_grams (
    tenant_id  UUID NOT NULL,
    gram       TEXT NOT NULL,
    contact_id UUID NOT NULL,
    PRIMARY KEY (tenant_id, gram, contact_id),
    FOREIGN KEY (tenant_id, contact_id) REFERENCES contacts (tenant_id, id) ON DELETE CASCADE
);
CALL isolate_tenant('contact_search_grams');

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

-- The trigrams inside words only: a search term's first and last trigrams padded with blanks would
-- not match the middle of a word.
CREATE FUNCTION contacts_search_grams() RETURNS trigger
    LANGUAGE plpgsql
AS $$
BEGIN
    IF TG_OP = 'UPDATE' THEN
        DELETE FROM contact_search_grams WHERE tenant_id = NEW.tenant_id AND contact_id = NEW.id;
    END IF;
    INSERT INTO contact_search_grams (tenant_id, gram, contact_id)
    SELECT NEW.tenant_id, g, NEW.id FROM unnest(show_trgm(NEW.search_text)) AS g WHERE strpos(g, ' ') = 0
    ON CONFLICT DO NOTHING;
    RETURN NULL;
END
$$;
CREATE TRIGGER contacts_search_grams_insert AFTER INSERT ON contacts
    FOR EACH ROW EXECUTE FUNCTION contacts_search_grams();
CREATE TRIGGER contacts_search_grams_update AFTER UPDATE ON contacts
    FOR EACH ROW WHEN (OLD.search_text IS DISTINCT FROM NEW.search_text) EXECUTE FUNCTION contacts_search_grams();

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
        'contacts', 'contact_search_grams', 'contact_fields', 'contact_stages'];
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
