-- Issue 8: sessions on record, so signing out, an admin's change and idle or absolute expiry
-- end them at once on every server. The session's token itself is never stored, only its
-- SHA-256: a copy of this table signs nobody in.

CREATE TABLE IF NOT EXISTS sessions (
  id             text PRIMARY KEY,
  token_hash     text        NOT NULL UNIQUE,
  username       text        NOT NULL,
  -- A wall screen's session, opened with a kiosk token: it ends when that token is revoked.
  kiosk_token_id text REFERENCES kiosk_tokens (id),
  created_at     timestamptz NOT NULL DEFAULT now(),
  last_seen_at   timestamptz NOT NULL DEFAULT now(),
  -- The absolute end; idle expiry is decided from last_seen_at by the server's policy.
  expires_at     timestamptz NOT NULL,
  ended_at       timestamptz,
  ended_reason   text CHECK (ended_reason IN ('sign-out', 'user-changed', 'kiosk-revoked')),
  address        text,
  user_agent     text
);

CREATE INDEX IF NOT EXISTS sessions_username ON sessions (username) WHERE ended_at IS NULL;
-- Housekeeping deletes sessions long over.
CREATE INDEX IF NOT EXISTS sessions_expires_at ON sessions (expires_at);
