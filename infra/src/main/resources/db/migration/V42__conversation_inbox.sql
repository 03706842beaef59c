-- The inbox workflow on conversations (crm): snooze, priority, labels, round-robin assignment and
-- each staff user's unread messages.

-- Command side: whether the tenant's new conversations are assigned round-robin (one row per
-- tenant, written by the Inbox aggregate's commands).
CREATE TABLE crm_inbox_settings (
    tenant_id   UUID        NOT NULL PRIMARY KEY,
    auto_assign BOOLEAN     NOT NULL,
    updated_at  TIMESTAMPTZ NOT NULL
);
CALL isolate_tenant('crm_inbox_settings');

-- Command side: which staff take new conversations, and when the round-robin last gave each one a
-- conversation (null: never, so first in line). Locked row by row while a conversation starts.
CREATE TABLE crm_inbox_staff (
    tenant_id        UUID        NOT NULL,
    user_id          UUID        NOT NULL,
    available        BOOLEAN     NOT NULL,
    last_assigned_at TIMESTAMPTZ,
    updated_at       TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (tenant_id, user_id)
);
CREATE INDEX crm_inbox_staff_next ON crm_inbox_staff (tenant_id, last_assigned_at NULLS FIRST, user_id)
    WHERE available;
CALL isolate_tenant('crm_inbox_staff');

-- Read side: the new facts of a conversation. inbound_count counts the customer's messages ever, so
-- a staff user's unread count is inbound_count minus what that user had read.
ALTER TABLE conversations
    ADD COLUMN priority      TEXT        NOT NULL DEFAULT 'none',
    ADD COLUMN labels        TEXT[]      NOT NULL DEFAULT '{}',
    ADD COLUMN snoozed_until TIMESTAMPTZ,
    ADD COLUMN inbound_count INTEGER     NOT NULL DEFAULT 0;
CREATE INDEX conversations_labels ON conversations USING gin (labels);
CREATE INDEX conversations_priority ON conversations (tenant_id, priority, last_message_at DESC);

-- Read side: each staff user's read mark per conversation, as the number of the customer's messages
-- the conversation had when that user last read it. id derives from (conversation, user).
CREATE TABLE conversation_reads (
    tenant_id       UUID        NOT NULL,
    id              UUID        NOT NULL,
    conversation_id UUID        NOT NULL,
    user_id         UUID        NOT NULL,
    read_inbound    INTEGER     NOT NULL,
    version         BIGINT      NOT NULL,
    created_at      TIMESTAMPTZ NOT NULL,
    updated_at      TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (tenant_id, id),
    UNIQUE (tenant_id, user_id, conversation_id)
);
CALL isolate_tenant('conversation_reads');

INSERT INTO read_model_tables (name) VALUES ('conversation_reads');
