-- Issue 8: kiosk tokens on record, so an admin can list them and revoke one. The token itself
-- is signed and never stored; a token carries its row's id, and a row that is gone or revoked
-- refuses it.

CREATE TABLE IF NOT EXISTS kiosk_tokens (
  id text PRIMARY KEY,
  name text NOT NULL,
  issued_by text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL,
  revoked_at timestamptz,
  revoked_by text
);

-- GET /api/auth/kiosk-tokens lists the newest first.
CREATE INDEX IF NOT EXISTS kiosk_tokens_created_at ON kiosk_tokens (created_at);
