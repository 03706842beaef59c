-- event_tenant() (V39) is evaluated for every appended event, by the domain_event_entry_tenant index.
-- As a SQL function with a FROM clause it cannot be inlined, and PostgreSQL's SQL-function executor
-- parses and plans its body again for each statement that calls it: for the single-row INSERT of an
-- append, once per event. In PL/pgSQL the body is planned once per connection and the metadata is
-- parsed as JSON once. Same arguments, same result (the same parse, the same pattern, the same
-- cast), so the index stays valid and needs no rebuild. As before, a \u0000 escape anywhere in the
-- metadata fails the parse (PostgreSQL's json de-escapes every string it reads past, and text has no
-- NUL), contrary to what V39 says; no metadata value carries one: the request origin's control
-- characters are removed where it is stamped (TenantMessageInterceptors), the other values are ids.
CREATE OR REPLACE FUNCTION event_tenant(meta_data BYTEA) RETURNS UUID
    LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE
AS $$
DECLARE
    t TEXT := convert_from(meta_data, 'UTF8')::json ->> 'tenantId';
BEGIN
    IF t ~ '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$' THEN
        RETURN t::uuid;
    END IF;
    RETURN NULL;
END
$$;
