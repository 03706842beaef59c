-- Crypto-shredding: one AES-256 key per data subject (contact, user account, lead) of a tenant,
-- which encrypts that subject's personal data in the event store. The key is sealed by the
-- credential key ring (key_id names the ring's key), created in the transaction that appends the
-- first event it encrypts, and deleted to erase the subject: the events stay, unreadable.
CREATE TABLE subject_keys (
    tenant_id    UUID        NOT NULL,
    subject_type TEXT        NOT NULL CHECK (subject_type IN ('contact', 'user', 'lead')),
    subject_id   TEXT        NOT NULL,
    key_id       TEXT        NOT NULL,
    ciphertext   BYTEA       NOT NULL,
    created_at   TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, subject_type, subject_id)
);
CALL isolate_tenant('subject_keys');

-- An erased user's e-mail reads '[erased]' in the directory, for any number of erased users (also
-- when the projection is replayed from events that now read so). The command side's own e-mail
-- claims keep e-mails unique; this index stays as a second guard for the rest.
ALTER TABLE user_accounts DROP CONSTRAINT user_accounts_tenant_id_email_key;
CREATE UNIQUE INDEX user_accounts_email ON user_accounts (tenant_id, email) WHERE email <> '[erased]';
