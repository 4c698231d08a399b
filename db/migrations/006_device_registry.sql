-- The device registry: MQTT credentials of devices, site publishers (the simulator, bridges)
-- and edge gateways. The embedded broker checks every connection against it; Mosquitto's
-- password and ACL files are generated from it. A credential is revoked, never deleted, so who
-- could publish what, and when, stays on record.

CREATE TABLE IF NOT EXISTS device_credentials (
  id             bigserial   PRIMARY KEY,
  username       text        NOT NULL,
  -- scrypt (server/src/devices/secret-hash.ts): what the embedded broker checks.
  password_hash  text        NOT NULL,
  -- The same password as Mosquitto's password_file takes it ($7$, PBKDF2-SHA512); it cannot be
  -- derived from the scrypt hash, so both are made when the credential is issued.
  mosquitto_hash text        NOT NULL,
  scope          text        NOT NULL CHECK (scope IN ('device', 'publisher', 'gateway')),
  site           text,
  kind           text,
  asset_id       text,
  created_at     timestamptz NOT NULL DEFAULT now(),
  revoked_at     timestamptz,
  CHECK (CASE scope
    WHEN 'device' THEN site IS NOT NULL AND kind IS NOT NULL AND asset_id IS NOT NULL
    WHEN 'publisher' THEN site IS NOT NULL AND kind IS NULL AND asset_id IS NULL
    ELSE site IS NULL AND kind IS NULL AND asset_id IS NULL
  END)
);

-- One live credential per user name; the revoked ones stay beside it as history.
CREATE UNIQUE INDEX IF NOT EXISTS device_credentials_live_username ON device_credentials (username) WHERE revoked_at IS NULL;
