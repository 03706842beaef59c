-- The command side's record of each contact's conversations (ContactConversations): written by the
-- conversation's commands in their transaction, read by automations to find a contact's latest
-- conversation that is not resolved. Conversations started earlier join it with their next message
-- or status change.
CREATE TABLE contact_conversations (
    tenant_id        UUID        NOT NULL,
    conversation_id  UUID        NOT NULL,
    contact_id       UUID        NOT NULL,
    status           TEXT        NOT NULL,
    last_activity_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (tenant_id, conversation_id)
);
CREATE INDEX contact_conversations_latest ON contact_conversations (tenant_id, contact_id, last_activity_at DESC)
    WHERE status <> 'resolved';
CALL isolate_tenant('contact_conversations');
