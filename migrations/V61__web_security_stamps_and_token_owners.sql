-- Access ends when revoked (see docs/security-access.md).
-- security_stamp: bumped whenever a user's password, role or enabled flag changes; a browser session signed
-- in under an older stamp is ended on its next request (works across nodes, the stamp lives here).
ALTER TABLE security.users ADD COLUMN security_stamp bigint NOT NULL DEFAULT 0;

-- owner: the living user a token acts for. A token never carries more than its owner's current role, stops
-- while the owner is disabled, and is dead once the owner is removed (owner becomes NULL, the row stays as a record).
ALTER TABLE security.api_tokens ADD COLUMN owner text REFERENCES security.users (username)
    ON DELETE SET NULL ON UPDATE CASCADE;
ALTER TABLE security.api_tokens ADD COLUMN expires_at timestamptz;

-- Existing tokens belong to the user who created them, when that is a user (not a token or the system).
UPDATE security.api_tokens t SET owner = t.created_by
WHERE EXISTS (SELECT 1 FROM security.users u WHERE u.username = t.created_by);
-- Existing tokens expire 90 days after creation, but get at least 7 days from this upgrade to be replaced.
UPDATE security.api_tokens SET expires_at = greatest(created_at + interval '90 days', now() + interval '7 days');
ALTER TABLE security.api_tokens ALTER COLUMN expires_at SET NOT NULL;
CREATE INDEX api_tokens_owner_idx ON security.api_tokens (owner);
