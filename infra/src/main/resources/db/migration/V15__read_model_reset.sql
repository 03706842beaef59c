-- Emptying read models before a replay rebuilds them (every projection's reset handler).
--
-- The runtime role owns nothing, has no BYPASSRLS, and every tenant table FORCES row-level security,
-- so a reset (which runs with no tenant set) cannot DELETE across tenants, and it must not gain a
-- general way around the policies either. Looping over tenants from the application would need a
-- tenant list the runtime role may not read, and would miss rows of tenants that no longer exist.
--
-- So this one function runs as its owner, the migrating role that owns the tables, and does exactly
-- one thing: TRUNCATE read tables named in a fixed allow-list, all at once. It reads no row and
-- cannot touch command-side tables, the event store or the token store; all it can do is empty a
-- read model, which the event store rebuilds. search_path is pinned so no caller's object can stand
-- in for a table; EXECUTE goes to the runtime role only.
CREATE FUNCTION reset_read_tables(tables text[]) RETURNS integer
    LANGUAGE plpgsql
    SECURITY DEFINER
    SET search_path = pg_catalog, public, pg_temp
AS $$
DECLARE
    allowed CONSTANT text[] := ARRAY[
        'platform_tenants', 'user_accounts', 'api_keys', 'categories', 'products',
        'orders', 'order_history', 'payments', 'invoices', 'invoice_lines'];
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
