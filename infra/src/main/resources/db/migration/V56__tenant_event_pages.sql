-- A page of the tenant's stream: the events after a position, the first page_size of them, in the
-- order of the store. The same rows as tenant_event_log's, read the way its index allows. Through the
-- view, "WHERE global_index > ? ORDER BY global_index LIMIT ?" cannot stop early: its security barrier
-- keeps the two branches of the UNION as subqueries, so PostgreSQL reads every event of the tenant
-- after the position, sorts them and keeps the first page. A rebuild reading a long history a page at
-- a time did that for every page (measured: 0.7 s a page at 100,000 events, against 0.6 ms here).
-- Each branch is limited on its own index range here, then the two are merged.
-- Runs as its caller (no SECURITY DEFINER): the runtime role reads domain_event_entry already, as the
-- processors do, and the tenant filter is the view's, on the transaction's tenant.
CREATE FUNCTION tenant_event_page(from_position BIGINT, page_size INT) RETURNS SETOF tenant_event_log
    LANGUAGE sql STABLE
AS $$
SELECT * FROM (
    (SELECT global_index, aggregate_identifier, sequence_number, type, event_identifier,
            meta_data, payload, payload_revision, payload_type, time_stamp
       FROM domain_event_entry
      WHERE event_tenant(meta_data) = app_current_tenant()
        AND global_index > from_position
      ORDER BY global_index
      LIMIT page_size)
    UNION ALL
    (SELECT global_index, aggregate_identifier, sequence_number, type, event_identifier,
            meta_data, payload, payload_revision, payload_type, time_stamp
       FROM domain_event_entry
      WHERE type = 'Tenant'
        AND aggregate_identifier = app_current_tenant()::text
        AND event_tenant(meta_data) IS DISTINCT FROM app_current_tenant()
        AND global_index > from_position
      ORDER BY global_index
      LIMIT page_size)
) page
ORDER BY global_index
LIMIT page_size
$$;

REVOKE ALL ON FUNCTION tenant_event_page(BIGINT, INT) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION tenant_event_page(BIGINT, INT) TO ${appRole};
