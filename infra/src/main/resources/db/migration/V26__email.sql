-- Email (issue 11): a tenant's own sender, its template overrides, and the mail outbox that is also
-- the delivery log. Secrets (SMTP password, SendGrid key) are not here: they live in
-- tenant_credentials under the scope 'email'.

CREATE TABLE email_settings (
    tenant_id      UUID        PRIMARY KEY,
    enabled        BOOLEAN     NOT NULL,
    sender_name    TEXT        NOT NULL,
    sender_address TEXT        NOT NULL,
    reply_to       TEXT,
    provider       TEXT        NOT NULL CHECK (provider IN ('smtp', 'sendgrid')),
    smtp_host      TEXT,
    smtp_port      INTEGER,
    smtp_security  TEXT CHECK (smtp_security IN ('starttls', 'tls', 'none')),
    smtp_username  TEXT,
    version        BIGINT      NOT NULL,
    updated_at     TIMESTAMPTZ NOT NULL
);
CALL isolate_tenant('email_settings');

CREATE TABLE email_template_overrides (
    tenant_id  UUID        NOT NULL,
    template   TEXT        NOT NULL,
    locale     TEXT        NOT NULL,
    subject    TEXT        NOT NULL,
    html       TEXT        NOT NULL,
    text       TEXT        NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (tenant_id, template, locale)
);
CALL isolate_tenant('email_template_overrides');

-- One row per mail: written in the transaction of whatever causes the mail (an event handler's, or
-- the command's), keyed by what caused it (message_key, e.g. '<event id>:order_confirmation'), so a
-- redelivered or replayed event finds its mail already there and queues nothing. The db-scheduler
-- task that sends it ('email-delivery', instance = id) is scheduled in the same transaction.
CREATE TABLE email_deliveries (
    tenant_id           UUID        NOT NULL,
    id                  UUID        NOT NULL,
    message_key         TEXT        NOT NULL,
    template            TEXT        NOT NULL,
    locale              TEXT,
    recipient           TEXT,
    recipient_user_id   UUID,
    model               JSONB       NOT NULL,
    attachment          TEXT,
    status              TEXT        NOT NULL CHECK (status IN ('pending', 'sent', 'failed')),
    attempts            INTEGER     NOT NULL DEFAULT 0,
    provider            TEXT,
    message_id          TEXT        NOT NULL,
    provider_message_id TEXT,
    error               TEXT,
    created_at          TIMESTAMPTZ NOT NULL,
    updated_at          TIMESTAMPTZ NOT NULL,
    sent_at             TIMESTAMPTZ,
    PRIMARY KEY (tenant_id, id),
    UNIQUE (tenant_id, message_key)
);
CALL isolate_tenant('email_deliveries');
CREATE INDEX email_deliveries_page ON email_deliveries (tenant_id, created_at DESC, id DESC);
