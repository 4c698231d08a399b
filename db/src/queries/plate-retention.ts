// Plate retention (issue 8, part 6): the plates of stored rows older than the retention
// period are replaced by their masked form, one bounded batch at a time. The rows stay, so
// past counts and KPIs stay true; only which truck it was is forgotten. Each batch is its
// own short transaction, so ingest waits at most one batch for a lock.
import { maskPlate } from '@porttwin/contracts';
import type { Database } from '../database';

/**
 * Where stored rows carry a plate: event data, telemetry metrics (trackers), live asset state,
 * truck journeys and the journey marks they are built from (issue 9), which are deleted
 * rather than masked: they serve only to build a journey again while its events come in.
 */
export type PlateTable = 'events' | 'telemetry' | 'assets' | 'journeys' | 'journey_marks';
export const PLATE_TABLES: readonly PlateTable[] = ['events', 'telemetry', 'assets', 'journeys', 'journey_marks'];

// The WHERE clauses repeat the partial indexes' predicates of migration 010 exactly. Times go
// out and back as text, within one transaction: exact to the microsecond, whatever the device sent.
/** Finds the next batch; exported so a test can ask the planner whether it uses the indexes. */
export const FIND_EXPIRED_PLATES: Record<PlateTable, string> = {
  events: `SELECT asset_id, ts::text AS ts, seq::text AS seq, data ->> 'plate' AS plate FROM events
    WHERE ts < to_timestamp($1 / 1000.0) AND jsonb_typeof(data -> 'plate') = 'string' AND strpos(data ->> 'plate', '*') = 0
    ORDER BY ts LIMIT $2`,
  telemetry: `SELECT asset_id, ts::text AS ts, seq::text AS seq, metrics ->> 'plate' AS plate FROM telemetry
    WHERE ts < to_timestamp($1 / 1000.0) AND jsonb_typeof(metrics -> 'plate') = 'string' AND strpos(metrics ->> 'plate', '*') = 0
    ORDER BY ts LIMIT $2`,
  assets: `SELECT asset_id, NULL AS ts, NULL AS seq, metrics ->> 'plate' AS plate FROM assets
    WHERE metrics_at < to_timestamp($1 / 1000.0) AND jsonb_typeof(metrics -> 'plate') = 'string' AND strpos(metrics ->> 'plate', '*') = 0
    LIMIT $2`,
  journeys: `SELECT NULL AS asset_id, arrived_at::text AS ts, NULL AS seq, plate FROM journeys
    WHERE arrived_at < to_timestamp($1 / 1000.0) AND strpos(plate, '*') = 0
    ORDER BY arrived_at LIMIT $2`,
  journey_marks: `SELECT asset_id, ts::text AS ts, mark AS seq, plate FROM journey_marks
    WHERE ts < to_timestamp($1 / 1000.0)
    ORDER BY ts LIMIT $2`,
};

// Each update also checks the plate is still the one read: a tracker's live state may have
// moved on to another truck in between.
const MASK: Record<PlateTable, string> = {
  events: `UPDATE events AS e SET data = jsonb_set(e.data, '{plate}', to_jsonb(m.masked))
    FROM jsonb_to_recordset($1::jsonb) AS m(asset_id text, ts text, seq text, plate text, masked text)
    WHERE e.asset_id = m.asset_id AND e.ts = m.ts::timestamptz AND e.seq = m.seq::bigint AND e.data ->> 'plate' = m.plate`,
  telemetry: `UPDATE telemetry AS t SET metrics = jsonb_set(t.metrics, '{plate}', to_jsonb(m.masked))
    FROM jsonb_to_recordset($1::jsonb) AS m(asset_id text, ts text, seq text, plate text, masked text)
    WHERE t.asset_id = m.asset_id AND t.ts = m.ts::timestamptz AND t.seq = m.seq::bigint AND t.metrics ->> 'plate' = m.plate`,
  // A new updated_at, so live views pick the masked state up (server/src/live/asset-feed.ts).
  assets: `UPDATE assets AS a SET metrics = jsonb_set(a.metrics, '{plate}', to_jsonb(m.masked)), updated_at = clock_timestamp()
    FROM jsonb_to_recordset($1::jsonb) AS m(asset_id text, plate text, masked text)
    WHERE a.asset_id = m.asset_id AND a.metrics ->> 'plate' = m.plate`,
  journeys: `UPDATE journeys AS j SET plate = m.masked, updated_at = clock_timestamp()
    FROM jsonb_to_recordset($1::jsonb) AS m(ts text, plate text, masked text)
    WHERE j.plate = m.plate AND j.arrived_at = m.ts::timestamptz`,
  // The seq column of the batch holds the mark's name here.
  journey_marks: `DELETE FROM journey_marks AS k
    USING jsonb_to_recordset($1::jsonb) AS m(asset_id text, ts text, seq text, plate text)
    WHERE k.plate = m.plate AND k.mark = m.seq AND k.ts = m.ts::timestamptz AND k.asset_id = m.asset_id`,
};

/**
 * Masks the plates of at most `limit` rows of one table older than `before` (epoch ms; for
 * live state, whose metrics are older); returns how many it found. Idempotent: a masked
 * plate is never found again, so fewer than `limit` means the table is done.
 */
export async function maskExpiredPlates(db: Database, table: PlateTable, before: number, limit: number): Promise<number> {
  return db.transaction(async (tx) => {
    const { rows } = await tx.query<{ asset_id: string; ts: string | null; seq: string | null; plate: string }>(
      FIND_EXPIRED_PLATES[table],
      [before, limit],
    );
    if (rows.length === 0) return 0;
    const masked = rows.map((row) => ({ ...row, masked: maskPlate(row.plate) }));
    await tx.query(MASK[table], [JSON.stringify(masked)]);
    return rows.length;
  });
}
