-- Users, the server's signing secret, and the audit trail of who did what.

CREATE TABLE IF NOT EXISTS users (
  username      text PRIMARY KEY,
  password_hash text        NOT NULL,
  role          text        NOT NULL CHECK (role IN ('admin', 'supervisor', 'operator', 'engineer', 'kiosk')),
  created_at    timestamptz NOT NULL DEFAULT now()
);

-- Shared by every server of a deployment so a session signed by one is honoured by all.
CREATE TABLE IF NOT EXISTS server_secrets (
  name       text PRIMARY KEY,
  value      text        NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE IF NOT EXISTS audit_log (
  id       bigserial PRIMARY KEY,
  at       timestamptz NOT NULL DEFAULT now(),
  username text        NOT NULL,
  action   text        NOT NULL,
  subject  text,
  detail   jsonb       NOT NULL DEFAULT '{}'
);
