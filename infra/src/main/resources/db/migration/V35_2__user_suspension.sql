-- Users suspended by the platform (issue 16), apart from deactivation by their tenant: sign-in
-- and token refresh refuse an account that is suspended or inactive, and reinstating it restores
-- whatever its tenant had decided.
ALTER TABLE user_credentials ADD COLUMN suspended BOOLEAN NOT NULL DEFAULT false;
ALTER TABLE user_accounts ADD COLUMN suspended_at TIMESTAMPTZ, ADD COLUMN suspension_reason TEXT;
