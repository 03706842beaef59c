-- Projection rebuilds: one tenant's rows of one projection, or a whole projection for every tenant.
--
-- A per-tenant rebuild first removes that tenant's rows of the projection's tables. The runtime role
-- must not gain a general DELETE across read tables for that, so, like reset_read_tables (V15), one
-- SECURITY DEFINER function owned by the owner role does exactly this: it deletes, from read tables
-- of the allow-list (read_model_tables) that have a tenant_id, the rows of the one tenant named,
-- and only when that is the tenant set for the transaction (the caller works for that tenant, and
-- the forced policies confine the DELETE to it a second time). It refuses every other table, every
-- table without a tenant_id, and a call without a tenant.
CREATE FUNCTION delete_tenant_read_rows(tenant uuid, tables text[]) RETURNS bigint
    LANGUAGE plpgsql
    SECURITY DEFINER
    SET search_path = pg_catalog, public, pg_temp
AS $$
DECLARE
    read_table text;
    removed bigint := 0;
    n bigint;
BEGIN
    IF tenant IS NULL OR tenant IS DISTINCT FROM public.app_current_tenant() THEN
        RAISE EXCEPTION 'rows are removed only for the tenant of the transaction' USING ERRCODE = 'insufficient_privilege';
    END IF;
    IF tables IS NULL OR cardinality(tables) = 0 THEN
        RAISE EXCEPTION 'no read table named' USING ERRCODE = 'invalid_parameter_value';
    END IF;
    FOREACH read_table IN ARRAY tables LOOP
        IF read_table IS NULL OR NOT EXISTS (SELECT 1 FROM public.read_model_tables WHERE name = read_table) THEN
            RAISE EXCEPTION '% is not a read table that may be reset', read_table USING ERRCODE = 'insufficient_privilege';
        END IF;
        IF NOT EXISTS (SELECT 1 FROM information_schema.columns
                        WHERE table_schema = 'public' AND table_name = read_table AND column_name = 'tenant_id') THEN
            RAISE EXCEPTION '% has no tenant rows', read_table USING ERRCODE = 'insufficient_privilege';
        END IF;
    END LOOP;
    FOREACH read_table IN ARRAY tables LOOP
        EXECUTE format('DELETE FROM public.%I WHERE tenant_id = $1', read_table) USING tenant;
        GET DIAGNOSTICS n = ROW_COUNT;
        removed := removed + n;
    END LOOP;
    RETURN removed;
END
$$;
REVOKE ALL ON FUNCTION delete_tenant_read_rows(uuid, text[]) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION delete_tenant_read_rows(uuid, text[]) TO ${appRole};

-- The rebuilds and their progress, durable so a restart resumes them (a per-tenant rebuild starts
-- again from the beginning, a full one continues where the processor's replay token stands).
-- Platform data: a rebuild is the operator's, not the tenant's, so no tenant_id column and no
-- row-level security; the tenant a rebuild works on is rebuilt_tenant_id (null: every tenant).
CREATE TABLE projection_rebuilds (
    id                UUID        PRIMARY KEY,
    projection        TEXT        NOT NULL,
    rebuilt_tenant_id UUID,
    status            TEXT        NOT NULL CHECK (status IN ('running', 'completed', 'failed')),
    node_id           TEXT        NOT NULL,
    events_replayed   BIGINT      NOT NULL DEFAULT 0,
    start_position    BIGINT,
    position          BIGINT,
    head_position     BIGINT,
    started_at        TIMESTAMPTZ NOT NULL,
    finished_at       TIMESTAMPTZ,
    error             TEXT
);
-- One rebuild of a projection for one tenant (or in full) at a time.
CREATE UNIQUE INDEX projection_rebuilds_one_running
    ON projection_rebuilds (projection, coalesce(rebuilt_tenant_id, '00000000-0000-0000-0000-000000000000'))
    WHERE status = 'running';
GRANT SELECT, INSERT, UPDATE ON projection_rebuilds TO ${appRole};
