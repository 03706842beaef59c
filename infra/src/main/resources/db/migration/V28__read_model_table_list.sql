-- The read tables that reset_read_tables may empty, as rows rather than as an array written into the
-- function: a migration that adds a read table inserts one row here, and no migration has to
-- restate the function (and every table before it) again.
--
-- The runtime role may read the list but not change it: whoever could add a row could have the
-- function, which runs as the owner, truncate the event store.
CREATE TABLE read_model_tables (
    name TEXT PRIMARY KEY
);
REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON read_model_tables FROM ${appRole};

INSERT INTO read_model_tables (name) VALUES
    ('platform_tenants'), ('user_accounts'), ('api_keys'), ('categories'), ('products'),
    ('orders'), ('order_history'), ('payments'), ('invoices'), ('invoice_lines'),
    ('contacts'), ('contact_fields'), ('contact_stages'),
    ('lead_forms'), ('leads'), ('lead_notes'),
    ('media');

CREATE OR REPLACE FUNCTION reset_read_tables(tables text[]) RETURNS integer
    LANGUAGE plpgsql
    SECURITY DEFINER
    SET search_path = pg_catalog, public, pg_temp
AS $$
DECLARE
    read_table text;
BEGIN
    IF tables IS NULL OR cardinality(tables) = 0 THEN
        RAISE EXCEPTION 'no read table named' USING ERRCODE = 'invalid_parameter_value';
    END IF;
    FOREACH read_table IN ARRAY tables LOOP
        IF read_table IS NULL OR NOT EXISTS (SELECT 1 FROM public.read_model_tables WHERE name = read_table) THEN
            RAISE EXCEPTION '% is not a read table that may be reset', read_table USING ERRCODE = 'insufficient_privilege';
        END IF;
    END LOOP;
    EXECUTE 'TRUNCATE ' || (SELECT string_agg(format('public.%I', t), ', ') FROM unnest(tables) AS t);
    RETURN cardinality(tables);
END
$$;
REVOKE ALL ON FUNCTION reset_read_tables(text[]) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION reset_read_tables(text[]) TO ${appRole};
