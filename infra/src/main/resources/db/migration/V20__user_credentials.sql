-- Sign-in's own record of each account: email, password hash, role and whether it is active.
-- The UserAccount aggregate writes it in the same transaction as its events, so a password change,
-- a reset or a deactivation counts for the very next sign-in and refresh, however far the
-- asynchronous user_accounts projection lags (or whether one of its events went to the dead-letter
-- queue). Platform administrators are rows of the platform scope (the all-zero tenant id), as they
-- are in user_accounts. version is the account's aggregate version at its last change here.
CREATE TABLE user_credentials (
    tenant_id     UUID    NOT NULL,
    user_id       UUID    NOT NULL,
    email         TEXT    NOT NULL,
    display_name  TEXT,
    password_hash TEXT    NOT NULL,
    role          TEXT    NOT NULL,
    active        BOOLEAN NOT NULL,
    version       BIGINT  NOT NULL,
    PRIMARY KEY (tenant_id, user_id),
    UNIQUE (tenant_id, email)
);
CALL isolate_tenant('user_credentials');

-- Accounts that existed before this table, so nobody is locked out by the upgrade: taken from the
-- read model, which is as far as the users processor had come. The migrating role owns both
-- tables, so lifting FORCE for the length of this transaction lets it read and write every
-- tenant's rows; the policies stay in place.
ALTER TABLE user_accounts NO FORCE ROW LEVEL SECURITY;
ALTER TABLE user_credentials NO FORCE ROW LEVEL SECURITY;
INSERT INTO user_credentials (tenant_id, user_id, email, display_name, password_hash, role, active, version)
SELECT tenant_id, id, email, display_name, password_hash, role, status = 'active', version
  FROM user_accounts;
ALTER TABLE user_accounts FORCE ROW LEVEL SECURITY;
ALTER TABLE user_credentials FORCE ROW LEVEL SECURITY;
