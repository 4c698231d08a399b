-- Issue 10: alerts and their history. One open alert per rule and asset (the partial unique
-- index): a condition that comes back while its alert is open counts up `count` instead of
-- opening another. History is appended, never changed; playbook steps ticked are kept per alert.
-- The engine reads new events and statuses by receive time (received_at), so both get an index
-- on it.

CREATE TABLE IF NOT EXISTS alerts (
  id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  rule_id          text        NOT NULL,
  type             text        NOT NULL,
  title            text        NOT NULL,
  asset_id         text        NOT NULL,
  severity         text        NOT NULL CHECK (severity IN ('critical', 'major', 'minor', 'info')),
  state            text        NOT NULL CHECK (state IN ('raised', 'acknowledged', 'resolved')),
  raised_at        timestamptz NOT NULL,
  last_raised_at   timestamptz NOT NULL,
  count            integer     NOT NULL DEFAULT 1 CHECK (count >= 1),
  acknowledged_by  text,
  acknowledged_at  timestamptz,
  assigned_to      text,
  escalated_at     timestamptz,
  resolved_by      text,
  resolved_at      timestamptz,
  resolve_note     text,
  detail           jsonb       NOT NULL DEFAULT '{}',
  updated_at       timestamptz NOT NULL DEFAULT clock_timestamp()
);
CREATE UNIQUE INDEX IF NOT EXISTS alerts_one_open ON alerts (rule_id, asset_id) WHERE state <> 'resolved';
CREATE INDEX IF NOT EXISTS alerts_raised_at ON alerts (raised_at);
CREATE INDEX IF NOT EXISTS alerts_updated_at ON alerts (updated_at);

CREATE TABLE IF NOT EXISTS alert_history (
  id        bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  alert_id  bigint      NOT NULL REFERENCES alerts (id),
  at        timestamptz NOT NULL,
  action    text        NOT NULL,
  by_user   text        NOT NULL,
  note      text,
  detail    jsonb       NOT NULL DEFAULT '{}'
);
CREATE INDEX IF NOT EXISTS alert_history_alert ON alert_history (alert_id, id);

CREATE TABLE IF NOT EXISTS alert_steps (
  alert_id  bigint      NOT NULL REFERENCES alerts (id),
  step      integer     NOT NULL CHECK (step >= 1),
  done_by   text        NOT NULL,
  done_at   timestamptz NOT NULL,
  PRIMARY KEY (alert_id, step)
);

CREATE INDEX IF NOT EXISTS events_received_at ON events (received_at);
CREATE INDEX IF NOT EXISTS device_status_received_at ON device_status (received_at);
