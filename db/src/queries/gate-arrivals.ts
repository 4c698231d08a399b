// Inbound truck arrivals per gate lane over a range, from the per-minute KPI aggregates (the
// lanes' truck.arrived with direction "in"): what the gate forecast learns from.
import type { Queryable } from '../database';

const ARRIVALS = `
SELECT asset_id AS "assetId", sum(trucks_in) AS arrivals
FROM kpi_events_1m
WHERE kind = 'gate' AND bucket >= to_timestamp($1::float8 / 1000.0) AND bucket < to_timestamp($2::float8 / 1000.0)
GROUP BY asset_id`;

/** Inbound arrivals per lane in the minutes starting in [from, to); lanes with none are absent. */
export async function inboundArrivals(db: Queryable, from: number, to: number): Promise<Map<string, number>> {
  const { rows } = await db.query<{ assetId: string; arrivals: string | number }>(ARRIVALS, [from, to]);
  return new Map(rows.filter((row) => Number(row.arrivals) > 0).map((row) => [row.assetId, Number(row.arrivals)]));
}
