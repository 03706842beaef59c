-- Sign-ups still waiting for their owner's email verification, written by the Tenant aggregate in the
-- command transaction: the resend endpoint finds one by the owner's address or the slug, and the
-- cleanup sweep finds those never verified. A platform table like tenant_trials: both run before
-- there is a tenant to scope a query to, so the column is not called tenant_id (every table with a
-- tenant_id is a tenant table under row-level security). Sign-ups from before this table have no
-- row and are neither resent nor swept.
CREATE TABLE pending_sign_ups (
    signup_tenant_id UUID PRIMARY KEY,
    slug             TEXT        NOT NULL,
    owner_id         UUID        NOT NULL,
    owner_email      TEXT        NOT NULL,
    requested_at     TIMESTAMPTZ NOT NULL,
    token_expires_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX pending_sign_ups_email ON pending_sign_ups (owner_email);
CREATE INDEX pending_sign_ups_slug ON pending_sign_ups (slug);
CREATE INDEX pending_sign_ups_requested ON pending_sign_ups (requested_at);
