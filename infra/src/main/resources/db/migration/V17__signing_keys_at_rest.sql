-- Token signing keys at rest: private_key now holds the PKCS#8 key sealed by the credential store's
-- key ring (AES-256-GCM, bound to its kid), and sealed_with names the ring key that sealed it. A row
-- without sealed_with holds a key an earlier version stored in clear: the application seals it at
-- its next start, before it signs anything (SQL cannot reach the key ring, so this migration cannot).
-- The public key, the kid and the key itself are unchanged, so no token in flight is invalidated.
ALTER TABLE signing_keys ADD COLUMN sealed_with TEXT;

-- The platform administrator whose rotation created the key (NULL: generated at start).
ALTER TABLE signing_keys ADD COLUMN rotated_by UUID;

-- retired_at, until now never set, is the end of a rotated-out key: it verifies (and stays in the
-- JWK set) until then, and the newest key without one signs.
COMMENT ON COLUMN signing_keys.retired_at IS
    'a rotated-out key verifies the tokens it signed until then, and neither signs nor verifies after';
