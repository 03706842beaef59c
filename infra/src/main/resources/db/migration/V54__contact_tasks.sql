-- Tasks on contacts (the crm module): a read table, written by the crm projection from the contact's
-- task events. version is the contact's sequence number of the task's last event.
CREATE TABLE contact_tasks (
    tenant_id    UUID        NOT NULL,
    id           UUID        NOT NULL,
    contact_id   UUID        NOT NULL,
    title        TEXT        NOT NULL,
    due_at       TIMESTAMPTZ,
    assignee_id  UUID,
    status       TEXT        NOT NULL,
    completed_at TIMESTAMPTZ,
    completed_by UUID,
    created_by   UUID,
    version      BIGINT      NOT NULL,
    created_at   TIMESTAMPTZ NOT NULL,
    updated_at   TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (tenant_id, id)
);
CREATE INDEX contact_tasks_contact ON contact_tasks (tenant_id, contact_id, created_at, id);
CREATE INDEX contact_tasks_assignee ON contact_tasks (tenant_id, assignee_id, status, created_at, id);
CALL isolate_tenant('contact_tasks');
INSERT INTO read_model_tables (name) VALUES ('contact_tasks');
