-- Contact text search that an index can serve under forced row-level security, and the indexes of
-- the contact list's sort orders.
--
-- Why a side table: under FORCED row-level security PostgreSQL evaluates the policy's condition
-- before any condition whose operator is not LEAKPROOF, and only leakproof conditions become index
-- conditions. LIKE, % (pg_trgm) and @@ are not leakproof, so the trigram index of V22 was never used
-- by the application's role: every search read all of the tenant's contacts. Text comparison (=, <,
-- >=) is leakproof, so a btree RANGE scan `key >= 'garc' AND key < 'garc' || chr(1114111)` is an
-- index condition together with the policy's `tenant_id = app_current_tenant()`.
--
-- contact_search_keys holds every suffix (at least 3 characters, cut to 16) of every word of a
-- contact's search_text. A word of the query of 3 characters or more is a prefix of one of those
-- suffixes exactly when it occurs inside a word of the contact, so one range scan finds every
-- contact that may match; the LIKE on search_text then checks the few candidates. Infix search
-- keeps the meaning it had with LIKE '%…%'.

-- unaccent is a trusted extension (like pg_trgm), so the database's owner creates it without being a
-- superuser; its functions are then owned by the bootstrap superuser and executable by PUBLIC, and
-- the GRANT below only warns. Run by a superuser, the extension's functions fall under V1's default
-- privileges (not executable by PUBLIC), and the GRANT is what lets the runtime role call them.
CREATE EXTENSION IF NOT EXISTS unaccent;
GRANT EXECUTE ON FUNCTION unaccent(regdictionary, text) TO ${appRole};

-- Search text and query are normalised by the same function, in the database, so that both sides
-- agree on case and accents ("José" is found by "jose" and the other way round).
CREATE FUNCTION contact_search_normal(text) RETURNS text
    LANGUAGE sql STABLE PARALLEL SAFE
AS $$ SELECT lower(public.unaccent('public.unaccent'::regdictionary, $1)) $$;
GRANT EXECUTE ON FUNCTION contact_search_normal(text) TO ${appRole};

-- The keys of one search text: words are split on white space, as the query's words are.
CREATE FUNCTION contact_search_words(search_text text) RETURNS SETOF text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$
    SELECT DISTINCT left(substr(word, i), 16)
      FROM regexp_split_to_table(search_text, '\s+') AS word, generate_series(1, length(word) - 2) AS i
$$;
GRANT EXECUTE ON FUNCTION contact_search_words(text) TO ${appRole};

-- "C" collation: the range of a prefix is then a byte range, whatever the database's locale.
CREATE TABLE contact_search_keys (
    tenant_id  UUID             NOT NULL,
    key        TEXT COLLATE "C" NOT NULL,
    contact_id UUID             NOT NULL,
    PRIMARY KEY (tenant_id, key, contact_id)
);
CREATE INDEX contact_search_keys_contact ON contact_search_keys (tenant_id, contact_id);
CALL isolate_tenant('contact_search_keys');

-- Kept by the contacts table itself, like search_text, so that no write (projection, replay, reset,
-- a maintenance UPDATE) can forget it. The trigger runs as the writer, under the writer's tenant.
CREATE FUNCTION contacts_search_keys() RETURNS trigger
    LANGUAGE plpgsql
AS $$
BEGIN
    IF TG_OP <> 'INSERT' THEN
        DELETE FROM contact_search_keys WHERE tenant_id = OLD.tenant_id AND contact_id = OLD.id;
    END IF;
    IF TG_OP <> 'DELETE' THEN
        INSERT INTO contact_search_keys (tenant_id, key, contact_id)
        SELECT NEW.tenant_id, k, NEW.id FROM contact_search_words(NEW.search_text) AS k;
    END IF;
    RETURN NULL;
END
$$;
CREATE TRIGGER contacts_search_keys AFTER INSERT OR DELETE ON contacts
    FOR EACH ROW EXECUTE FUNCTION contacts_search_keys();
-- Tags, notes and status changes leave search_text alone: their updates rewrite no keys.
CREATE TRIGGER contacts_search_keys_update AFTER UPDATE ON contacts
    FOR EACH ROW
    WHEN (OLD.search_text IS DISTINCT FROM NEW.search_text OR OLD.id <> NEW.id OR OLD.tenant_id <> NEW.tenant_id)
    EXECUTE FUNCTION contacts_search_keys();

-- The read-model reset truncates contacts (as the owner, SECURITY DEFINER); the keys go with them.
CREATE FUNCTION contacts_search_keys_truncate() RETURNS trigger
    LANGUAGE plpgsql
AS $$
BEGIN
    TRUNCATE contact_search_keys;
    RETURN NULL;
END
$$;
CREATE TRIGGER contacts_search_keys_truncate AFTER TRUNCATE ON contacts
    FOR EACH STATEMENT EXECUTE FUNCTION contacts_search_keys_truncate();

-- search_text learns to drop accents.
CREATE OR REPLACE FUNCTION contacts_search_text() RETURNS trigger
    LANGUAGE plpgsql
AS $$
BEGIN
    NEW.search_text := contact_search_normal(concat_ws(' ', NEW.name, NEW.company,
                                                       array_to_string(NEW.emails, ' '), array_to_string(NEW.phones, ' ')));
    RETURN NEW;
END
$$;

-- Existing contacts get their new search_text and keys, tenant by tenant: the policy is forced on
-- the owner too, so each tenant's rows are visible only with that tenant set.
DO $$
DECLARE
    tenant uuid;
BEGIN
    FOR tenant IN SELECT id FROM platform_tenants LOOP
        PERFORM set_config('app.tenant_id', tenant::text, true);
        UPDATE contacts SET search_text = '';
        INSERT INTO contact_search_keys (tenant_id, key, contact_id)
        SELECT c.tenant_id, k, c.id FROM contacts c, contact_search_words(c.search_text) AS k
        ON CONFLICT DO NOTHING;
    END LOOP;
    PERFORM set_config('app.tenant_id', '', true);
END
$$;

-- The trigram index is never used by the runtime role (see above) and only costs writes.
DROP INDEX contacts_search;

-- Sort orders of the contact list, each broken by id so that a cursor names one position.
CREATE INDEX contacts_by_name ON contacts (tenant_id, name, id);
CREATE INDEX contacts_by_update ON contacts (tenant_id, updated_at, id);
DROP INDEX contacts_updated;
