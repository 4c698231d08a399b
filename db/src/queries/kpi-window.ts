// The raw figures of the live KPIs over a window of whole minutes, read from the KPI
// aggregates of migration 004 — the same rows GET /api/kpis sums into its buckets: its whole
// hours from the hourly ones, the minutes either side from the per-minute ones — plus
// what the aggregates do not hold: the assets' latest reports and the ships at their berths.
import type { Queryable } from '../database';

/** One asset's sums over the window: counts, and sums with their sample counts for means. */
export interface AssetWindowTotals {
  assetId: string;
  kind: string;
  trucksAdmitted: number;
  moves: number;
  scans: number;
  suspectScans: number;
  queueSamples: number;
  queueSum: number;
  busySamples: number;
  busySum: number;
}

/** An asset's totals over a window with nothing in it. */
export function noWindowTotals(assetId: string, kind: string): AssetWindowTotals {
  return {
    assetId,
    kind,
    trucksAdmitted: 0,
    moves: 0,
    scans: 0,
    suspectScans: 0,
    queueSamples: 0,
    queueSum: 0,
    busySamples: 0,
    busySum: 0,
  };
}

const HOUR_MS = 3_600_000;

/**
 * The parameters of a window of whole minutes, [from, to): $1 from, $2 to, and $3..$4 the
 * whole hours inside it (empty, at `to`, when it holds none). A window of a week reads 168
 * hourly rows per asset instead of 10,080 per-minute ones; the sums are the same.
 */
function windowParams(from: number, to: number): [number, number, number, number] {
  const hourFrom = Math.ceil(from / HOUR_MS) * HOUR_MS;
  const hourTo = Math.floor(to / HOUR_MS) * HOUR_MS;
  return hourFrom < hourTo ? [from, to, hourFrom, hourTo] : [from, to, to, to];
}

/** The rows of one aggregate (`kpi_events` or `kpi_telemetry`) covering the window of windowParams. */
const windowRows = (aggregate: 'kpi_events' | 'kpi_telemetry', columns: string) => `
  SELECT ${columns} FROM ${aggregate}_1h
  WHERE bucket >= to_timestamp($3 / 1000.0) AND bucket < to_timestamp($4 / 1000.0)
  UNION ALL
  SELECT ${columns} FROM ${aggregate}_1m
  WHERE (bucket >= to_timestamp($1 / 1000.0) AND bucket < to_timestamp($3 / 1000.0))
     OR (bucket >= to_timestamp($4 / 1000.0) AND bucket < to_timestamp($2 / 1000.0))`;

// Events and telemetry of one asset merged by UNION ALL, as the KPI series does, so the
// bucket ranges reach both aggregates. Sums are numeric on plain PostgreSQL (015): the nulls
// standing in for them are too, so no sum is narrowed to float8 (where it could overflow).
const WINDOW_TOTALS = `
SELECT m.asset_id AS "assetId", coalesce(max(m.kind), max(a.kind), 'unknown') AS kind,
       sum(m.trucks_admitted) AS "trucksAdmitted", sum(m.moves) AS moves, sum(m.scans) AS scans,
       sum(m.suspect_scans) AS "suspectScans", sum(m.queue_samples) AS "queueSamples",
       coalesce(sum(m.queue_sum), 0) AS "queueSum", sum(m.busy_samples) AS "busySamples", coalesce(sum(m.busy_sum), 0) AS "busySum"
FROM (
  ${windowRows(
    'kpi_events',
    `asset_id, kind, trucks_admitted, moves, scans, suspect_scans,
     0 AS queue_samples, NULL::numeric AS queue_sum, 0 AS busy_samples, NULL::numeric AS busy_sum`,
  )}
  UNION ALL
  ${windowRows('kpi_telemetry', 'asset_id, NULL, 0, 0, 0, 0, queue_samples, queue_sum, busy_samples, busy_sum')}
) AS m
LEFT JOIN assets a ON a.asset_id = m.asset_id
GROUP BY m.asset_id`;

/** Per-asset sums over the minute buckets starting in [from, to) (epoch ms on minutes). */
export async function windowTotals(db: Queryable, from: number, to: number): Promise<AssetWindowTotals[]> {
  const { rows } = await db.query<Record<keyof AssetWindowTotals, string | number>>(WINDOW_TOTALS, windowParams(from, to));
  return rows.map((row) => ({
    assetId: String(row.assetId),
    kind: String(row.kind),
    trucksAdmitted: Number(row.trucksAdmitted),
    moves: Number(row.moves),
    scans: Number(row.scans),
    suspectScans: Number(row.suspectScans),
    queueSamples: Number(row.queueSamples),
    queueSum: Number(row.queueSum),
    busySamples: Number(row.busySamples),
    busySum: Number(row.busySum),
  }));
}

export interface SiteCounts {
  trucksAdmitted: number;
  quayMoves: number;
  yardMoves: number;
  scans: number;
}

const SITE_COUNTS = `
SELECT coalesce(sum(trucks_admitted), 0) AS "trucksAdmitted",
       coalesce(sum(moves) FILTER (WHERE kind = 'qc'), 0) AS "quayMoves",
       coalesce(sum(moves) FILTER (WHERE kind = 'yc'), 0) AS "yardMoves",
       coalesce(sum(scans), 0) AS scans
FROM (${windowRows('kpi_events', 'kind, trucks_admitted, moves, scans')}) AS m`;

/** The site's counts over the minute buckets starting in [from, to). */
export async function siteCounts(db: Queryable, from: number, to: number): Promise<SiteCounts> {
  const { rows } = await db.query<Record<keyof SiteCounts, string | number>>(SITE_COUNTS, windowParams(from, to));
  const row = rows[0]!;
  return {
    trucksAdmitted: Number(row.trucksAdmitted),
    quayMoves: Number(row.quayMoves),
    yardMoves: Number(row.yardMoves),
    scans: Number(row.scans),
  };
}

/** What an asset last reported of a metric, as live state holds it. */
export interface LatestGateReport {
  assetId: string;
  queueLength: number | null;
  laneOpen: number | null;
}

const LATEST_GATE_REPORTS = `
SELECT asset_id AS "assetId",
       CASE WHEN jsonb_typeof(metrics -> 'queueLength') = 'number' THEN (metrics ->> 'queueLength')::float8 END AS "queueLength",
       CASE WHEN jsonb_typeof(metrics -> 'laneOpen') = 'number' THEN (metrics ->> 'laneOpen')::float8 END AS "laneOpen"
FROM assets WHERE kind = 'gate'`;

export async function latestGateReports(db: Queryable): Promise<LatestGateReport[]> {
  const { rows } = await db.query<LatestGateReport>(LATEST_GATE_REPORTS);
  return rows.map((row) => ({
    assetId: row.assetId,
    queueLength: row.queueLength === null ? null : Number(row.queueLength),
    laneOpen: row.laneOpen === null ? null : Number(row.laneOpen),
  }));
}

/** A ship's stay at a berth that overlaps the window. */
export interface BerthCall {
  vesselId: string;
  berth: string;
  voyage: string;
  arrivedAt: number;
  /** null while it is still alongside (as of the window's end). */
  departedAt: number | null;
  plannedMoves: number | null;
}

/** How far back a stay still alongside is looked for: no ship works a berth for longer. */
export const MAX_BERTH_STAY_MS = 14 * 86_400_000;

// Each arrival with the first departure of the same ship and voyage after it (before `to`).
const BERTH_CALLS = `
SELECT a.asset_id AS "vesselId", a.data ->> 'berth' AS berth, a.data ->> 'voyage' AS voyage,
       extract(epoch FROM a.ts) * 1000 AS "arrivedAt",
       CASE WHEN jsonb_typeof(a.data -> 'plannedMoves') = 'number' THEN (a.data ->> 'plannedMoves')::int END AS "plannedMoves",
       (SELECT extract(epoch FROM min(d.ts)) * 1000 FROM events d
         WHERE d.type = 'berth.departed' AND d.asset_id = a.asset_id AND d.data ->> 'voyage' = a.data ->> 'voyage'
           AND d.ts >= a.ts AND d.ts < to_timestamp($2 / 1000.0)) AS "departedAt"
FROM events a
WHERE a.type = 'berth.arrived' AND a.ts >= to_timestamp(($1::float8 - ${MAX_BERTH_STAY_MS}) / 1000.0) AND a.ts < to_timestamp($2 / 1000.0)`;

/** The stays alongside that overlap [from, to), by arrival. */
export async function berthCalls(db: Queryable, from: number, to: number): Promise<BerthCall[]> {
  const { rows } = await db.query<Record<keyof BerthCall, string | number | null>>(BERTH_CALLS, [from, to]);
  return rows
    .map((row) => ({
      vesselId: String(row.vesselId),
      berth: String(row.berth),
      voyage: String(row.voyage),
      arrivedAt: Number(row.arrivedAt),
      departedAt: row.departedAt === null ? null : Number(row.departedAt),
      plannedMoves: row.plannedMoves === null ? null : Number(row.plannedMoves),
    }))
    .filter((call) => call.departedAt === null || call.departedAt > from)
    .sort((a, b) => a.arrivedAt - b.arrivedAt);
}

/** Moves completed by the given cranes in [from, to). */
export async function movesBy(db: Queryable, craneIds: readonly string[], from: number, to: number): Promise<number> {
  if (craneIds.length === 0) return 0;
  const { rows } = await db.query<{ moves: string | number }>(
    `SELECT count(*) AS moves FROM events
     WHERE type = 'move.completed' AND asset_id = ANY($1::text[]) AND ts >= to_timestamp($2 / 1000.0) AND ts < to_timestamp($3 / 1000.0)`,
    [craneIds, from, to],
  );
  return Number(rows[0]?.moves ?? 0);
}
