// Reading stored history: telemetry, events and dead letters over a time range.
import type { Queryable } from '../database';

export interface TimeRange {
  from: number;
  to: number;
  limit: number;
}

export interface TelemetryRow {
  ts: number;
  assetId: string;
  seq: number;
  receivedAt: number;
  metrics: Record<string, unknown>;
}

/** Raw telemetry of one asset (or all) in [from, to), oldest first. */
export async function listTelemetry(db: Queryable, range: TimeRange, assetId?: string): Promise<TelemetryRow[]> {
  const { rows } = await db.query<TelemetryRow>(
    `SELECT extract(epoch FROM ts) * 1000 AS "ts", asset_id AS "assetId", seq,
            extract(epoch FROM received_at) * 1000 AS "receivedAt", metrics
     FROM telemetry
     WHERE ts >= to_timestamp($1 / 1000.0) AND ts < to_timestamp($2 / 1000.0) AND ($3::text IS NULL OR asset_id = $3)
     ORDER BY ts, asset_id, seq LIMIT $4`,
    [range.from, range.to, assetId ?? null, range.limit],
  );
  return rows.map((row) => ({ ...row, ts: Number(row.ts), seq: Number(row.seq), receivedAt: Number(row.receivedAt) }));
}

export interface EventRow {
  ts: number;
  assetId: string;
  seq: number;
  receivedAt: number;
  kind: string;
  type: string;
  data: Record<string, unknown>;
}

/** Events in [from, to), optionally of one asset, type and/or truck (data.plate), oldest first. */
export async function listEvents(
  db: Queryable,
  range: TimeRange,
  filter: { assetId?: string; type?: string; plate?: string },
): Promise<EventRow[]> {
  const { rows } = await db.query<EventRow>(
    `SELECT extract(epoch FROM ts) * 1000 AS "ts", asset_id AS "assetId", seq,
            extract(epoch FROM received_at) * 1000 AS "receivedAt", kind, type, data
     FROM events
     WHERE ts >= to_timestamp($1 / 1000.0) AND ts < to_timestamp($2 / 1000.0)
       AND ($3::text IS NULL OR asset_id = $3) AND ($4::text IS NULL OR type = $4)
       AND ($6::text IS NULL OR data->>'plate' = $6)
     ORDER BY ts, asset_id, seq LIMIT $5`,
    [range.from, range.to, filter.assetId ?? null, filter.type ?? null, range.limit, filter.plate ?? null],
  );
  return rows.map((row) => ({ ...row, ts: Number(row.ts), seq: Number(row.seq), receivedAt: Number(row.receivedAt) }));
}

export interface DeadLetterRow {
  id: number;
  receivedAt: number;
  topic: string;
  reason: string;
  payload: string;
  payloadBytes: number;
}

/** Rejected messages received in [from, to), oldest first. */
export async function listDeadLetters(db: Queryable, range: TimeRange): Promise<DeadLetterRow[]> {
  const { rows } = await db.query<DeadLetterRow>(
    `SELECT id, extract(epoch FROM received_at) * 1000 AS "receivedAt", topic, reason, payload, payload_bytes AS "payloadBytes"
     FROM dead_letters
     WHERE received_at >= to_timestamp($1 / 1000.0) AND received_at < to_timestamp($2 / 1000.0)
     ORDER BY received_at, id LIMIT $3`,
    [range.from, range.to, range.limit],
  );
  return rows.map((row) => ({ ...row, id: Number(row.id), receivedAt: Number(row.receivedAt) }));
}

export interface IngestProgress {
  messages: number;
  deadLetters: number;
  batches: number;
  /** Epoch ms of the newest commit of any gateway; null before any. */
  lastCommitAt: number | null;
  /** Receipt-to-commit time of the newest batch. */
  lastLagMs: number | null;
}

/** Totals over all gateways. */
export async function readIngestProgress(db: Queryable): Promise<IngestProgress> {
  const { rows } = await db.query<Record<string, number | string | null>>(
    `SELECT coalesce(sum(messages), 0) AS messages, coalesce(sum(dead_letters), 0) AS dead_letters,
            coalesce(sum(batches), 0) AS batches, extract(epoch FROM max(last_commit_at)) * 1000 AS last_commit_at,
            (SELECT last_lag_ms FROM ingest_progress ORDER BY last_commit_at DESC LIMIT 1) AS last_lag_ms
     FROM ingest_progress`,
  );
  const row = rows[0] ?? {};
  const numberOrNull = (value: unknown) => (value === null || value === undefined ? null : Number(value));
  return {
    messages: Number(row.messages ?? 0),
    deadLetters: Number(row.dead_letters ?? 0),
    batches: Number(row.batches ?? 0),
    lastCommitAt: numberOrNull(row.last_commit_at),
    lastLagMs: numberOrNull(row.last_lag_ms),
  };
}
