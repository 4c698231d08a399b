// Flow KPIs over a trailing window: trucks per hour per gate lane, crane moves per hour.
import type { CraneKpi, GateLaneKpi, KpiSnapshot } from '@porttwin/contracts';
import type { Queryable } from '../database';

// Counting admitted trucks (not arrivals) measures what the lane actually processed.
const COUNT_FLOWS = `
SELECT a.asset_id, a.kind,
       CASE WHEN jsonb_typeof(a.metrics -> 'queueLength') = 'number' THEN (a.metrics ->> 'queueLength')::float8 END AS queue_length,
       count(e.asset_id) AS completed
FROM assets a
LEFT JOIN events e
  ON e.asset_id = a.asset_id
 AND e.ts >= to_timestamp($1 / 1000.0) AND e.ts < to_timestamp($2 / 1000.0)
 AND e.type = CASE a.kind WHEN 'gate' THEN 'truck.admitted' ELSE 'move.completed' END
WHERE a.kind IN ('gate', 'qc', 'yc')
GROUP BY a.asset_id, a.kind, a.metrics
ORDER BY a.asset_id`;

interface FlowRow {
  asset_id: string;
  kind: 'gate' | 'qc' | 'yc';
  queue_length: number | null;
  completed: number | string;
}

/** KPIs for the window of windowMinutes ending at `at` (epoch ms), rates scaled to per hour. */
export async function computeKpis(db: Queryable, at: number, windowMinutes: number): Promise<KpiSnapshot> {
  const { rows } = await db.query<FlowRow>(COUNT_FLOWS, [at - windowMinutes * 60_000, at]);
  const perHour = (count: number | string) => (Number(count) * 60) / windowMinutes;
  const gateLanes: GateLaneKpi[] = [];
  const quayCranes: CraneKpi[] = [];
  const yardCranes: CraneKpi[] = [];
  for (const row of rows) {
    if (row.kind === 'gate') {
      gateLanes.push({ assetId: row.asset_id, trucksPerHour: perHour(row.completed), queueLength: row.queue_length });
    } else {
      (row.kind === 'qc' ? quayCranes : yardCranes).push({ assetId: row.asset_id, movesPerHour: perHour(row.completed) });
    }
  }
  const sum = (values: number[]) => values.reduce((total, value) => total + value, 0);
  // Lane and crane names read in their natural order: GL-IN-2 before GL-IN-10.
  const byName = (a: { assetId: string }, b: { assetId: string }) => a.assetId.localeCompare(b.assetId, 'en', { numeric: true });
  gateLanes.sort(byName);
  quayCranes.sort(byName);
  yardCranes.sort(byName);
  return {
    at,
    windowMinutes,
    gateLanes,
    quayCranes,
    yardCranes,
    site: {
      trucksPerHour: sum(gateLanes.map((lane) => lane.trucksPerHour)),
      quayMovesPerHour: sum(quayCranes.map((crane) => crane.movesPerHour)),
      yardMovesPerHour: sum(yardCranes.map((crane) => crane.movesPerHour)),
      gateQueue: sum(gateLanes.map((lane) => lane.queueLength ?? 0)),
    },
  };
}
