-- Conversations with customers over messaging channels (crm).

-- The tenant's connected channels, as their aggregates' commands left them (command side; secrets
-- are in tenant_credentials, never here).
CREATE TABLE crm_channels (
    tenant_id  UUID        NOT NULL,
    id         UUID        NOT NULL,
    kind       TEXT        NOT NULL,
    name       TEXT        NOT NULL,
    -- The provider's id of the sending account where it needs one (WhatsApp's phone-number id).
    account_id TEXT,
    version    BIGINT      NOT NULL,
    created_at TIMESTAMPTZ NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (tenant_id, id)
);
CALL isolate_tenant('crm_channels');

-- Each channel's inbound endpoint id: how a delivery, before any tenant is known, finds whose
-- channel's secret must verify it. Platform-level (read before the tenant is entered), like
-- platform_webhook_endpoints; an id names a tenant only once the delivery verified.
CREATE TABLE platform_channel_endpoints (
    endpoint_id  TEXT        PRIMARY KEY,
    owner_tenant UUID        NOT NULL,
    channel_id   UUID        NOT NULL,
    created_at   TIMESTAMPTZ NOT NULL,
    UNIQUE (owner_tenant, channel_id)
);

-- One row per outbound message once a send was attempted (command side): recorded and committed
-- before the provider is called, so a send is never made twice.
CREATE TABLE crm_channel_sends (
    tenant_id  UUID        NOT NULL,
    message_id UUID        NOT NULL,
    state      TEXT        NOT NULL CHECK (state IN ('sending', 'retry', 'done')),
    updated_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (tenant_id, message_id)
);
CALL isolate_tenant('crm_channel_sends');

-- Read side: conversations and their messages, written by the crm-conversations projection.
CREATE TABLE conversations (
    tenant_id       UUID        NOT NULL,
    id              UUID        NOT NULL,
    channel_id      UUID        NOT NULL,
    channel_kind    TEXT        NOT NULL,
    channel_user_id TEXT        NOT NULL,
    user_name       TEXT,
    contact_id      UUID,
    status          TEXT        NOT NULL,
    assignee_id     UUID,
    -- The customer's messages since staff last read the conversation.
    unread          INTEGER     NOT NULL DEFAULT 0,
    last_message_at TIMESTAMPTZ NOT NULL,
    last_inbound_at TIMESTAMPTZ,
    version         BIGINT      NOT NULL,
    created_at      TIMESTAMPTZ NOT NULL,
    updated_at      TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (tenant_id, id)
);
CREATE INDEX conversations_recent ON conversations (tenant_id, last_message_at DESC, id DESC);
CREATE INDEX conversations_assignee ON conversations (tenant_id, assignee_id, last_message_at DESC);
CALL isolate_tenant('conversations');

CREATE TABLE conversation_messages (
    tenant_id           UUID        NOT NULL,
    id                  UUID        NOT NULL,
    conversation_id     UUID        NOT NULL,
    direction           TEXT        NOT NULL,
    status              TEXT,
    text                TEXT,
    media_type          TEXT,
    media_ref           TEXT,
    template_name       TEXT,
    provider_message_id TEXT,
    author_id           UUID,
    failure_reason      TEXT,
    -- The sequence number of the conversation's event that last changed the row.
    version             BIGINT      NOT NULL,
    created_at          TIMESTAMPTZ NOT NULL,
    updated_at          TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (tenant_id, id)
);
CREATE INDEX conversation_messages_page ON conversation_messages (tenant_id, conversation_id, created_at DESC, id DESC);
CALL isolate_tenant('conversation_messages');

INSERT INTO read_model_tables (name) VALUES ('conversations'), ('conversation_messages');
