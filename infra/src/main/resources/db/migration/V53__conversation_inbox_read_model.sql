-- Read side of the tenant's inbox (crm): its round-robin setting and each staff member's
-- availability, fed by the Inbox aggregate's events (processor crm-conversations), for staff to
-- read back. The command side keeps its own crm_inbox_settings / crm_inbox_staff for its decisions.
-- id: the inbox's id (one row per tenant) / the staff member's user id; version: the inbox's event
-- sequence, so a redelivered or replayed event changes nothing.
CREATE TABLE conversation_inbox_settings (
    tenant_id   UUID        NOT NULL,
    id          UUID        NOT NULL,
    auto_assign BOOLEAN     NOT NULL,
    version     BIGINT      NOT NULL,
    created_at  TIMESTAMPTZ NOT NULL,
    updated_at  TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (tenant_id, id)
);
CALL isolate_tenant('conversation_inbox_settings');

CREATE TABLE conversation_staff_availability (
    tenant_id   UUID        NOT NULL,
    id          UUID        NOT NULL,
    available   BOOLEAN     NOT NULL,
    version     BIGINT      NOT NULL,
    created_at  TIMESTAMPTZ NOT NULL,
    updated_at  TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (tenant_id, id)
);
CALL isolate_tenant('conversation_staff_availability');

INSERT INTO read_model_tables (name) VALUES ('conversation_inbox_settings'), ('conversation_staff_availability');
