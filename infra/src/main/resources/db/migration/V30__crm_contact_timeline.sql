-- The contact timeline (query side's ContactTimelineProjection): one row per thing that happened,
-- keyed by what its event knows (a contact, a customer account, a buyer's e-mail, a lead, an
-- order). Which contact a row belongs to is decided when the timeline is read, from the contact's
-- ids, e-mails and customer account as they are then, so the order in which processors run (a
-- contact made from an order after the order) never loses a row.
CREATE TABLE contact_timeline (
    tenant_id   UUID        NOT NULL,
    id          UUID        NOT NULL,
    -- The event's global sequence: orders rows of the same instant as they happened.
    seq         BIGINT      NOT NULL,
    type        TEXT        NOT NULL,
    occurred_at TIMESTAMPTZ NOT NULL,
    contact_id  UUID,
    customer_id UUID,
    email       TEXT,
    lead_id     UUID,
    order_id    UUID,
    payload     JSONB       NOT NULL,
    actor       TEXT        NOT NULL CHECK (actor IN ('user', 'visitor', 'system')),
    actor_id    UUID,
    PRIMARY KEY (tenant_id, id)
);
CREATE INDEX contact_timeline_contact ON contact_timeline (tenant_id, contact_id) WHERE contact_id IS NOT NULL;
CREATE INDEX contact_timeline_lead ON contact_timeline (tenant_id, lead_id) WHERE lead_id IS NOT NULL;
CREATE INDEX contact_timeline_order ON contact_timeline (tenant_id, order_id) WHERE order_id IS NOT NULL;
CREATE INDEX contact_timeline_customer ON contact_timeline (tenant_id, customer_id) WHERE customer_id IS NOT NULL;
CREATE INDEX contact_timeline_email ON contact_timeline (tenant_id, email) WHERE email IS NOT NULL;
CALL isolate_tenant('contact_timeline');

-- What the timeline knows of each contact: how to find its rows (e-mails, customer account, the
-- contact it was merged into), and the stage and owner an update is compared with.
CREATE TABLE contact_timeline_contacts (
    tenant_id           UUID   NOT NULL,
    id                  UUID   NOT NULL,
    emails              TEXT[] NOT NULL DEFAULT '{}',
    customer_account_id UUID,
    stage               TEXT,
    owner_id            UUID,
    merged_into         UUID,
    -- The rest of the contact's details, to tell an update that changed them from one that only
    -- moved the stage or the owner.
    details             JSONB  NOT NULL,
    version             BIGINT NOT NULL,
    PRIMARY KEY (tenant_id, id)
);
CREATE INDEX contact_timeline_contacts_merged ON contact_timeline_contacts (tenant_id, merged_into)
    WHERE merged_into IS NOT NULL;
CALL isolate_tenant('contact_timeline_contacts');

-- Orders, payments and invoices by id, with the facts later events of theirs do not repeat (an
-- order's number, a payment's order, an invoice's order and kind).
CREATE TABLE contact_timeline_subjects (
    tenant_id UUID  NOT NULL,
    id        UUID  NOT NULL,
    order_id  UUID,
    email     TEXT,
    facts     JSONB NOT NULL,
    PRIMARY KEY (tenant_id, id)
);
CALL isolate_tenant('contact_timeline_subjects');

-- A replay of the timeline empties all three (see V28's list).
INSERT INTO read_model_tables (name) VALUES
    ('contact_timeline'), ('contact_timeline_contacts'), ('contact_timeline_subjects');
