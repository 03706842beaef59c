-- The audit's window on the event store. domain_event_entry is one log for all tenants: the tracking
-- processors read every tenant's events from it, so it cannot carry a tenant policy of its own. Each
-- event's tenant is in its metadata (set once at the edge, copied to everything a request causes).
-- Audit reads go only through tenant_event_log, which keeps the rows of the tenant set for the
-- transaction (app_current_tenant(): none set, none seen), so no query of the audit can forget the
-- filter or pass the wrong tenant. The index makes a tenant's stream an index range, and it is its
-- own backfill: building it reads every stored event's tenant, so no column needs to be filled.

-- Immutable for the index: the metadata bytes of a stored event never change (UPDATE is revoked),
-- and they are always UTF-8 JSON written by the message serializer. Parsed as json, not jsonb: only
-- the one member is read, and json accepts every escape the serializer may write (jsonb refuses
-- \u0000, which would make the append of such an event fail on this index).
CREATE FUNCTION event_tenant(meta_data BYTEA) RETURNS UUID
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$
SELECT CASE WHEN t ~ '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$'
            THEN t::uuid END
  FROM (SELECT convert_from(meta_data, 'UTF8')::json ->> 'tenantId' AS t) m
$$;
GRANT EXECUTE ON FUNCTION event_tenant(BYTEA) TO ${appRole};

CREATE INDEX domain_event_entry_tenant ON domain_event_entry (event_tenant(meta_data), global_index);

-- A tenant's own Tenant aggregate also holds what the platform did to it (registration, suspension,
-- modules), recorded in the platform's scope: the second branch adds those, by aggregate id.
CREATE VIEW tenant_event_log WITH (security_barrier) AS
SELECT global_index, aggregate_identifier, sequence_number, type, event_identifier,
       meta_data, payload, payload_revision, payload_type, time_stamp
  FROM domain_event_entry
 WHERE event_tenant(meta_data) = app_current_tenant()
UNION ALL
SELECT global_index, aggregate_identifier, sequence_number, type, event_identifier,
       meta_data, payload, payload_revision, payload_type, time_stamp
  FROM domain_event_entry
 WHERE type = 'Tenant'
   AND aggregate_identifier = app_current_tenant()::text
   AND event_tenant(meta_data) IS DISTINCT FROM app_current_tenant();

REVOKE ALL ON tenant_event_log FROM ${appRole};
GRANT SELECT ON tenant_event_log TO ${appRole};
