-- Channel health, conversation statistics (crm).

-- Command side: what happened last on each channel, written where it happens (the webhook
-- controller on a verified delivery, the send runner on an outcome), read by GET /channels/{id}/health.
CREATE TABLE crm_channel_health (
    tenant_id         UUID        NOT NULL,
    channel_id        UUID        NOT NULL,
    webhook_seen_at   TIMESTAMPTZ,
    last_inbound_at   TIMESTAMPTZ,
    last_outbound_at  TIMESTAMPTZ,
    last_error_at     TIMESTAMPTZ,
    -- Our own wording or the provider's reason: never a token, never a request.
    last_error        TEXT,
    PRIMARY KEY (tenant_id, channel_id)
);
CALL isolate_tenant('crm_channel_health');

-- The outcome of each send, by channel, for the failure rate over the last 24 hours.
ALTER TABLE crm_channel_sends ADD COLUMN channel_id UUID;
ALTER TABLE crm_channel_sends ADD COLUMN outcome TEXT CHECK (outcome IN ('sent', 'failed'));
CREATE INDEX crm_channel_sends_outcomes ON crm_channel_sends (tenant_id, channel_id, updated_at)
    WHERE outcome IS NOT NULL;

-- Read side: conversation statistics per channel and day (UTC), written by the crm-conversations
-- processor. Counters per day; durations kept one per measured conversation cycle, so percentiles
-- are computed over a day range's rows, never over messages.
CREATE TABLE conversation_stats_daily (
    tenant_id    UUID    NOT NULL,
    channel_id   UUID    NOT NULL,
    day          DATE    NOT NULL,
    opened       INTEGER NOT NULL DEFAULT 0,
    resolved     INTEGER NOT NULL DEFAULT 0,
    messages_in  INTEGER NOT NULL DEFAULT 0,
    messages_out INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (tenant_id, channel_id, day)
);
CALL isolate_tenant('conversation_stats_daily');

CREATE TABLE conversation_stats_durations (
    tenant_id       UUID    NOT NULL,
    channel_id      UUID    NOT NULL,
    day             DATE    NOT NULL,
    -- 'first_response' or 'resolution'
    measure         TEXT    NOT NULL,
    conversation_id UUID    NOT NULL,
    -- The conversation's event that ended the measured span: one row per event, so a replay adds none.
    version         BIGINT  NOT NULL,
    millis          BIGINT  NOT NULL,
    PRIMARY KEY (tenant_id, conversation_id, measure, version)
);
CREATE INDEX conversation_stats_durations_days ON conversation_stats_durations (tenant_id, measure, day, channel_id);
CALL isolate_tenant('conversation_stats_durations');

-- Per conversation: where the current cycle stands (opened at, first customer message, first reply),
-- and the last event applied, so a redelivered event counts nothing twice.
CREATE TABLE conversation_stats_state (
    tenant_id         UUID        NOT NULL,
    conversation_id   UUID        NOT NULL,
    channel_id        UUID        NOT NULL,
    resolved          BOOLEAN     NOT NULL DEFAULT false,
    opened_at         TIMESTAMPTZ NOT NULL,
    first_inbound_at  TIMESTAMPTZ,
    first_response_at TIMESTAMPTZ,
    version           BIGINT      NOT NULL,
    PRIMARY KEY (tenant_id, conversation_id)
);
CALL isolate_tenant('conversation_stats_state');

INSERT INTO read_model_tables (name) VALUES
    ('conversation_stats_daily'), ('conversation_stats_durations'), ('conversation_stats_state');
