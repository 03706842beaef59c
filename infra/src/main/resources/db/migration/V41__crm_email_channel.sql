-- Conversations over email (crm): a channel's non-secret settings, each mailbox's polling state and
-- the Message-IDs that thread replies into conversations. All command side.

-- A channel kind's own settings (an email channel's IMAP server, folder and address); null for kinds
-- without any. Secrets stay in tenant_credentials.
ALTER TABLE crm_channels ADD COLUMN settings JSONB;

-- Where polling of each email channel's mailbox stands: the folder's UIDVALIDITY and the highest UID
-- handled under it, so each message is read once; and what the health of the channel shows.
CREATE TABLE crm_email_mailboxes (
    tenant_id       UUID        NOT NULL,
    channel_id      UUID        NOT NULL,
    uid_validity    BIGINT,
    last_uid        BIGINT      NOT NULL DEFAULT 0,
    last_poll_at    TIMESTAMPTZ,
    last_inbound_at TIMESTAMPTZ,
    last_error      TEXT,
    last_error_at   TIMESTAMPTZ,
    PRIMARY KEY (tenant_id, channel_id)
);
CALL isolate_tenant('crm_email_mailboxes');

-- Every mail of an email channel's conversations by its Message-ID, inbound and outbound: a reply
-- naming one in In-Reply-To or References joins that conversation, a mail read again is recognised,
-- and a reply's subject and References are the thread's.
CREATE TABLE crm_email_messages (
    tenant_id       UUID        NOT NULL,
    channel_id      UUID        NOT NULL,
    rfc_message_id  TEXT        NOT NULL,
    conversation_id UUID        NOT NULL,
    -- The conversation's channel user id: the customer's address its replies go to.
    channel_user_id TEXT        NOT NULL,
    direction       TEXT        NOT NULL CHECK (direction IN ('inbound', 'outbound')),
    subject         TEXT,
    created_at      TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (tenant_id, channel_id, rfc_message_id)
);
CREATE INDEX crm_email_messages_thread ON crm_email_messages (tenant_id, conversation_id, created_at);
CALL isolate_tenant('crm_email_messages');
