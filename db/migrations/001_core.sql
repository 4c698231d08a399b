-- Core tables: device telemetry, events and status as the edge stores them, the live
-- state of each asset, rejected messages, and each gateway's progress.
-- Every (asset_id, ts, seq) is stored once: the unique key makes a redelivery a no-op,
-- and it includes ts so the same key works on a TimescaleDB hypertable.

CREATE TABLE IF NOT EXISTS telemetry (
  ts          timestamptz NOT NULL,
  asset_id    text        NOT NULL,
  seq         bigint      NOT NULL,
  received_at timestamptz NOT NULL,
  metrics     jsonb       NOT NULL,
  UNIQUE (asset_id, ts, seq)
);

CREATE TABLE IF NOT EXISTS events (
  ts          timestamptz NOT NULL,
  asset_id    text        NOT NULL,
  seq         bigint      NOT NULL,
  received_at timestamptz NOT NULL,
  kind        text        NOT NULL,
  type        text        NOT NULL,
  data        jsonb       NOT NULL,
  UNIQUE (asset_id, ts, seq)
);
CREATE INDEX IF NOT EXISTS events_type_ts ON events (type, ts DESC);

-- Status has no seq: a retained status redelivered on every resubscribe is the same row.
CREATE TABLE IF NOT EXISTS device_status (
  ts          timestamptz NOT NULL,
  asset_id    text        NOT NULL,
  received_at timestamptz NOT NULL,
  state       text        NOT NULL,
  reason      text,
  retained    boolean     NOT NULL DEFAULT false,
  UNIQUE (asset_id, ts, state)
);

-- One row per asset: identity and latest state, upserted in the same transaction as the
-- rows above so the live view is never ahead of (or behind) what is stored.
CREATE TABLE IF NOT EXISTS assets (
  asset_id      text PRIMARY KEY,
  site          text        NOT NULL,
  kind          text        NOT NULL,
  metrics       jsonb       NOT NULL DEFAULT '{}',
  metrics_at    timestamptz,
  status        text,
  status_reason text,
  status_at     timestamptz,
  last_seen     timestamptz NOT NULL,
  first_seen    timestamptz NOT NULL DEFAULT now(),
  updated_at    timestamptz NOT NULL DEFAULT clock_timestamp()
);
CREATE INDEX IF NOT EXISTS assets_updated_at ON assets (updated_at);

CREATE TABLE IF NOT EXISTS dead_letters (
  id            bigserial PRIMARY KEY,
  received_at   timestamptz NOT NULL,
  topic         text        NOT NULL,
  reason        text        NOT NULL,
  payload       text        NOT NULL,
  payload_bytes integer     NOT NULL
);
CREATE INDEX IF NOT EXISTS dead_letters_received_at ON dead_letters (received_at);

-- Each gateway's running totals and its latest batch, for /api/health and /metrics.
CREATE TABLE IF NOT EXISTS ingest_progress (
  gateway_id      text PRIMARY KEY,
  messages        bigint      NOT NULL DEFAULT 0,
  dead_letters    bigint      NOT NULL DEFAULT 0,
  batches         bigint      NOT NULL DEFAULT 0,
  last_commit_at  timestamptz NOT NULL,
  last_lag_ms     double precision NOT NULL
);
