// Truck journeys in the database: marks stored with each ingest batch, the journeys of the
// plates they touch built again from those plates' marks in the same transaction, and read.
import type { EventMessage } from '@porttwin/contracts';
import type { Queryable } from '../database';
import { buildJourneys, type Journey, type JourneyMark, type JourneyOutcome, journeyMarks, MAX_JOURNEY_MS } from './journey-building';

// Journeys of a plate are rebuilt by one batch at a time: a gateway that takes it after another
// committed reads that one's marks too (READ COMMITTED reads afresh per statement).
const JOURNEY_LOCK = '8101528279399933295';

const INSERT_MARKS = `
INSERT INTO journey_marks (plate, mark, ts, asset_id, detail)
SELECT r.plate, r.mark, to_timestamp(r.ts / 1000.0), r.asset_id, r.detail
FROM jsonb_to_recordset($1::jsonb) AS r(plate text, mark text, ts float8, asset_id text, detail jsonb)
ON CONFLICT DO NOTHING`;

const PLATE_MARKS = `
SELECT plate, mark, extract(epoch FROM ts) * 1000 AS ts, asset_id AS "assetId", detail
FROM journey_marks
WHERE plate = ANY($1::text[]) AND ts >= to_timestamp($2 / 1000.0) AND ts <= to_timestamp($3 / 1000.0)`;

const DELETE_JOURNEYS = `
DELETE FROM journeys
WHERE plate = ANY($1::text[]) AND arrived_at >= to_timestamp($2 / 1000.0) AND arrived_at <= to_timestamp($3 / 1000.0)`;

const INSERT_JOURNEYS = `
INSERT INTO journeys (plate, arrived_at, in_lane, out_lane, outcome, inspected, scanner, verdict, stages, departed_at, turn_sec)
SELECT r.plate, to_timestamp(r.arrived_at / 1000.0), r.in_lane, r.out_lane, r.outcome, r.inspected, r.scanner, r.verdict, r.stages,
       to_timestamp(r.departed_at / 1000.0), r.turn_sec
FROM jsonb_to_recordset($1::jsonb) AS r(plate text, arrived_at float8, in_lane text, out_lane text, outcome text,
     inspected boolean, scanner text, verdict text, stages jsonb, departed_at float8, turn_sec float8)`;

/**
 * Stores the journey marks among `events` and rebuilds the journeys they can change: those of
 * the same plates that arrived from MAX_JOURNEY_MS before the earliest mark to the latest
 * (a mark belongs to a journey that arrived at most that long before it). Call inside the
 * ingest transaction. Returns how many journeys it wrote.
 */
export async function foldJourneys(tx: Queryable, events: readonly EventMessage[]): Promise<number> {
  const marks = journeyMarks(events);
  if (marks.length === 0) return 0;
  await tx.query(INSERT_MARKS, [
    JSON.stringify(marks.map((m) => ({ plate: m.plate, mark: m.mark, ts: m.ts, asset_id: m.assetId, detail: m.detail }))),
  ]);
  const plates = [...new Set(marks.map((m) => m.plate))];
  let earliest = Number.POSITIVE_INFINITY;
  let latest = Number.NEGATIVE_INFINITY;
  for (const m of marks) {
    earliest = Math.min(earliest, m.ts);
    latest = Math.max(latest, m.ts);
  }
  const from = earliest - MAX_JOURNEY_MS;
  await tx.query(`SELECT pg_advisory_xact_lock(${JOURNEY_LOCK})`);
  const { rows } = await tx.query<JourneyMark>(PLATE_MARKS, [plates, from, latest + MAX_JOURNEY_MS]);
  const byPlate = new Map<string, JourneyMark[]>();
  for (const row of rows) {
    const mark = { ...row, ts: Number(row.ts) };
    const list = byPlate.get(mark.plate);
    if (list) list.push(mark);
    else byPlate.set(mark.plate, [mark]);
  }
  const journeys = [...byPlate.values()].flatMap(buildJourneys).filter((j) => j.arrivedAt >= from && j.arrivedAt <= latest);
  await tx.query(DELETE_JOURNEYS, [plates, from, latest]);
  if (journeys.length > 0) {
    await tx.query(INSERT_JOURNEYS, [
      JSON.stringify(
        journeys.map((j) => ({
          plate: j.plate,
          arrived_at: j.arrivedAt,
          in_lane: j.inLane,
          out_lane: j.outLane,
          outcome: j.outcome,
          inspected: j.inspected,
          scanner: j.scanner,
          verdict: j.verdict,
          stages: j.stages,
          departed_at: j.stages.departed,
          turn_sec: j.turnSec,
        })),
      ),
    ]);
  }
  return journeys.length;
}

export interface JourneyFilter {
  /** Arrivals in [from, to), epoch ms. */
  from: number;
  to: number;
  limit: number;
  plate?: string;
  /** The inbound or outbound lane. */
  lane?: string;
  outcome?: JourneyOutcome;
  /** Oldest first (the default), or newest first: which end `limit` keeps. */
  order?: 'oldest' | 'newest';
}

/** Journeys that arrived in [from, to), oldest first or newest first. */
export async function listJourneys(db: Queryable, filter: JourneyFilter): Promise<Journey[]> {
  // The driver may give numeric columns as text; they are made numbers below.
  const { rows } = await db.query<Omit<Journey, 'arrivedAt'> & { arrivedAt: string | number }>(
    `SELECT plate, extract(epoch FROM arrived_at) * 1000 AS "arrivedAt", in_lane AS "inLane", out_lane AS "outLane",
            outcome, inspected, scanner, verdict, stages, turn_sec AS "turnSec"
     FROM journeys
     WHERE arrived_at >= to_timestamp($1 / 1000.0) AND arrived_at < to_timestamp($2 / 1000.0)
       AND ($3::text IS NULL OR plate = $3)
       AND ($4::text IS NULL OR in_lane = $4 OR out_lane = $4)
       AND ($5::text IS NULL OR outcome = $5)
     ORDER BY ${filter.order === 'newest' ? 'arrived_at DESC, plate DESC' : 'arrived_at, plate'} LIMIT $6`,
    [filter.from, filter.to, filter.plate ?? null, filter.lane ?? null, filter.outcome ?? null, filter.limit],
  );
  return rows.map((row) => ({ ...row, arrivedAt: Number(row.arrivedAt), turnSec: row.turnSec === null ? null : Number(row.turnSec) }));
}
