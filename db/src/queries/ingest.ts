// Writing one ingest batch: rows, live asset state, dead letters and the gateway's
// progress, in one transaction, so a batch is either wholly stored or not at all.
import type { DeviceMessage, EventMessage, StatusMessage, TelemetryMessage } from '@porttwin/contracts';
import type { Database, Queryable } from '../database';

export interface DeadLetter {
  receivedAt: number;
  topic: string;
  reason: string;
  payload: string;
  payloadBytes: number;
}

export interface IngestBatch {
  gatewayId: string;
  messages: DeviceMessage[];
  deadLetters: DeadLetter[];
}

/** Channel every committed batch notifies, so live views refresh without polling hard. */
export const INGEST_CHANNEL = 'porttwin_ingest';

// Rows travel as one JSON document per table: a single parameter that both pg and PGlite
// serialise cheaply, expanded by jsonb_to_recordset; redeliveries hit the unique key.
const INSERT_TELEMETRY = `
INSERT INTO telemetry (ts, asset_id, seq, received_at, metrics)
SELECT to_timestamp(r.ts / 1000.0), r.asset_id, r.seq, to_timestamp(r.received_at / 1000.0), r.metrics
FROM jsonb_to_recordset($1::jsonb) AS r(ts float8, asset_id text, seq bigint, received_at float8, metrics jsonb)
ON CONFLICT DO NOTHING`;

const INSERT_EVENTS = `
INSERT INTO events (ts, asset_id, seq, received_at, kind, type, data)
SELECT to_timestamp(r.ts / 1000.0), r.asset_id, r.seq, to_timestamp(r.received_at / 1000.0), r.kind, r.type, r.data
FROM jsonb_to_recordset($1::jsonb) AS r(ts float8, asset_id text, seq bigint, received_at float8, kind text, type text, data jsonb)
ON CONFLICT DO NOTHING`;

const INSERT_STATUS = `
INSERT INTO device_status (ts, asset_id, received_at, state, reason, retained)
SELECT to_timestamp(r.ts / 1000.0), r.asset_id, to_timestamp(r.received_at / 1000.0), r.state, r.reason, r.retained
FROM jsonb_to_recordset($1::jsonb) AS r(ts float8, asset_id text, received_at float8, state text, reason text, retained boolean)
ON CONFLICT DO NOTHING`;

const INSERT_DEAD_LETTERS = `
INSERT INTO dead_letters (received_at, topic, reason, payload, payload_bytes)
SELECT to_timestamp(r.received_at / 1000.0), r.topic, r.reason, r.payload, r.payload_bytes
FROM jsonb_to_recordset($1::jsonb) AS r(received_at float8, topic text, reason text, payload text, payload_bytes integer)`;

// Latest metrics merge key by key (a device may report some metrics per message); an
// older batch arriving late never overwrites newer values. A status older than the data
// we already hold is a last will set at connect time: its receive time is when it happened.
const UPSERT_ASSETS = `
INSERT INTO assets AS a (asset_id, site, kind, metrics, metrics_at, status, status_reason, status_at, last_seen)
SELECT r.asset_id, r.site, r.kind, coalesce(r.metrics, '{}'), to_timestamp(r.metrics_at / 1000.0), r.status, r.status_reason,
       CASE
         WHEN r.status = 'offline' AND NOT r.status_retained
              AND to_timestamp(r.status_at / 1000.0) < greatest(known.metrics_at, to_timestamp(r.metrics_at / 1000.0))
         THEN to_timestamp(r.status_received_at / 1000.0)
         ELSE to_timestamp(r.status_at / 1000.0) END,
       to_timestamp(r.last_seen / 1000.0)
FROM jsonb_to_recordset($1::jsonb) AS r(asset_id text, site text, kind text, metrics jsonb, metrics_at float8,
     status text, status_reason text, status_at float8, status_received_at float8, status_retained boolean, last_seen float8)
LEFT JOIN assets AS known ON known.asset_id = r.asset_id
ON CONFLICT (asset_id) DO UPDATE SET
  site = excluded.site,
  kind = excluded.kind,
  metrics = CASE
    WHEN excluded.metrics_at IS NULL THEN a.metrics
    WHEN a.metrics_at IS NULL OR excluded.metrics_at >= a.metrics_at THEN a.metrics || excluded.metrics
    ELSE excluded.metrics || a.metrics END,
  metrics_at = greatest(a.metrics_at, excluded.metrics_at),
  status = CASE WHEN excluded.status IS NULL OR excluded.status_at < a.status_at THEN a.status ELSE excluded.status END,
  status_reason = CASE WHEN excluded.status IS NULL OR excluded.status_at < a.status_at THEN a.status_reason ELSE excluded.status_reason END,
  status_at = greatest(a.status_at, excluded.status_at),
  last_seen = greatest(a.last_seen, excluded.last_seen),
  updated_at = clock_timestamp()`;

const UPSERT_PROGRESS = `
INSERT INTO ingest_progress AS p (gateway_id, messages, dead_letters, batches, last_commit_at, last_lag_ms)
VALUES ($1, $2, $3, 1, clock_timestamp(), $4)
ON CONFLICT (gateway_id) DO UPDATE SET
  messages = p.messages + excluded.messages,
  dead_letters = p.dead_letters + excluded.dead_letters,
  batches = p.batches + 1,
  last_commit_at = excluded.last_commit_at,
  last_lag_ms = excluded.last_lag_ms`;

/** Stores a batch in one transaction and notifies listeners when it commits. */
export async function writeIngestBatch(db: Database, batch: IngestBatch): Promise<void> {
  const telemetry: TelemetryMessage[] = [];
  const events: EventMessage[] = [];
  const statuses: StatusMessage[] = [];
  for (const message of batch.messages) {
    if (message.channel === 'telemetry') telemetry.push(message);
    else if (message.channel === 'event') events.push(message);
    else statuses.push(message);
  }
  const oldestReceipt = Math.min(...batch.messages.map((m) => m.receivedAt), ...batch.deadLetters.map((d) => d.receivedAt));
  await db.transaction(async (tx) => {
    await insertRows(tx, INSERT_TELEMETRY, telemetry.map((m) => ({
      ts: m.ts, asset_id: m.assetId, seq: m.seq, received_at: m.receivedAt, metrics: m.metrics,
    })));
    await insertRows(tx, INSERT_EVENTS, events.map((m) => ({
      ts: m.ts, asset_id: m.assetId, seq: m.seq, received_at: m.receivedAt, kind: m.kind, type: m.type, data: m.data,
    })));
    await insertRows(tx, INSERT_STATUS, statuses.map((m) => ({
      ts: m.ts, asset_id: m.assetId, received_at: m.receivedAt, state: m.state, reason: m.reason, retained: m.retained,
    })));
    await insertRows(tx, INSERT_DEAD_LETTERS, batch.deadLetters.map((d) => ({
      received_at: d.receivedAt, topic: d.topic, reason: d.reason, payload: d.payload, payload_bytes: d.payloadBytes,
    })));
    await insertRows(tx, UPSERT_ASSETS, latestPerAsset(batch.messages));
    const lagMs = Number.isFinite(oldestReceipt) ? Math.max(0, Date.now() - oldestReceipt) : 0;
    await tx.query(UPSERT_PROGRESS, [batch.gatewayId, batch.messages.length, batch.deadLetters.length, lagMs]);
    await tx.query(`NOTIFY ${INGEST_CHANNEL}`);
  });
}

async function insertRows(tx: Queryable, sql: string, rows: object[]): Promise<void> {
  if (rows.length > 0) await tx.query(sql, [JSON.stringify(rows)]);
}

interface AssetRow {
  asset_id: string;
  site: string;
  kind: string;
  metrics: Record<string, unknown> | null;
  metrics_at: number | null;
  status: string | null;
  status_reason: string | null;
  status_at: number | null;
  status_received_at: number | null;
  status_retained: boolean | null;
  last_seen: number;
}

/** Folds a batch into one live-state row per asset, newest values winning. */
function latestPerAsset(messages: DeviceMessage[]): AssetRow[] {
  const rows = new Map<string, AssetRow>();
  const ordered = [...messages].sort((a, b) => a.ts - b.ts);
  for (const message of ordered) {
    let row = rows.get(message.assetId);
    if (!row) {
      row = {
        asset_id: message.assetId, site: message.site, kind: message.kind, metrics: null, metrics_at: null,
        status: null, status_reason: null, status_at: null, status_received_at: null, status_retained: null,
        last_seen: 0,
      };
      rows.set(message.assetId, row);
    }
    if (message.channel === 'telemetry') {
      row.metrics = { ...row.metrics, ...message.metrics };
      row.metrics_at = message.ts;
    }
    if (message.channel === 'status') {
      row.status = message.state;
      row.status_reason = message.reason;
      row.status_at = message.ts;
      row.status_received_at = message.receivedAt;
      row.status_retained = message.retained;
    }
    // A will or a stored retained copy says nothing about the device being alive now.
    const signOfLife = message.channel !== 'status' || (message.state !== 'offline' && !message.retained);
    if (signOfLife) row.last_seen = Math.max(row.last_seen, message.receivedAt);
  }
  for (const row of rows.values()) {
    // Only a status, and not a live one: the device was last heard of when it set it.
    if (row.last_seen === 0) row.last_seen = row.status_at ?? 0;
  }
  return [...rows.values()];
}
