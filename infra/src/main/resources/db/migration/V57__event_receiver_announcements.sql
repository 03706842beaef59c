-- Each node keeps in memory which event types a tenant's webhook endpoints and automation rules take
-- (ReceiverIndex), so that their processors skip the events nobody takes without a transaction. A
-- change to either table tells every node which tenant's receivers changed, once it commits: NOTIFY
-- is delivered at commit and only then, and a transaction's identical notifications are sent once.
-- A trigger rather than the application's write paths, so that no path that changes them is missed.
CREATE FUNCTION announce_event_receivers() RETURNS trigger
    LANGUAGE plpgsql
AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        PERFORM pg_notify('event_receivers', OLD.tenant_id::text);
    ELSE
        PERFORM pg_notify('event_receivers', NEW.tenant_id::text);
    END IF;
    RETURN NULL;
END
$$;

CREATE TRIGGER outbound_webhook_endpoints_announce
    AFTER INSERT OR DELETE OR UPDATE OF enabled, event_types ON outbound_webhook_endpoints
    FOR EACH ROW EXECUTE FUNCTION announce_event_receivers();

CREATE TRIGGER automation_rule_definitions_announce
    AFTER INSERT OR DELETE OR UPDATE OF enabled, trigger ON automation_rule_definitions
    FOR EACH ROW EXECUTE FUNCTION announce_event_receivers();
