// Clearance time by stage (issue 9): how long trucks dwelt at each stage of their journeys,
// overall and per lane or scanner, and which stage and asset has grown most against its own
// recent baseline — the bottleneck. The rules are in docs/journeys.md, "Clearance time".
import { type Bottleneck, type Clearance, CLEARANCE_STAGES, type ClearanceStage, type StageDwell } from '@porttwin/contracts';
import type { Queryable } from '../database';

// The stages and the shapes of the answer are the contract's: the console draws them.
export { CLEARANCE_STAGES, type Bottleneck, type Clearance, type ClearanceStage, type StageDwell } from '@porttwin/contracts';

/** The baseline a window is judged against: the same stage and asset over the 3 h before it. */
export const BASELINE_MS = 3 * 3_600_000;
/** Dwells needed in the window and in the baseline for a stage and asset to be judged at all. */
export const BOTTLENECK_MIN_COUNT = 5;
/** A bottleneck's mean dwell is at least this many times its baseline's… */
export const BOTTLENECK_MIN_RATIO = 1.5;
/** …and at least this much longer, in seconds (a 10 s booth doubling to 20 s names nothing). */
export const BOTTLENECK_MIN_GROWTH_SEC = 60;

// Each journey's dwells, one per stage it passed, are stored with it (journey_dwells, kept by a
// trigger on journeys: migration 014 holds the rules of docs/journeys.md, "Clearance time").
// A dwell counts in the window its end falls in, so a window reads only the dwells that ended
// in it, from one index (before 014 it unpacked the stages of every journey that arrived from
// MAX_JOURNEY_MS before the window: 105 ms for a stored day, 380 ms for a week).
const dwellsSql = (percentiles: boolean) => `
-- Figures to the millisecond, which is what device times carry (and no float noise past it).
SELECT stage, asset_id AS "assetId", GROUPING(asset_id) AS overall, count(*)::int AS count,
       round(avg(sec)::numeric, 3)::float8 AS "meanSec"${
         percentiles
           ? `,
       round((percentile_cont(0.5) WITHIN GROUP (ORDER BY sec))::numeric, 3)::float8 AS "p50Sec",
       round((percentile_cont(0.9) WITHIN GROUP (ORDER BY sec))::numeric, 3)::float8 AS "p90Sec"`
           : ''
       }
FROM journey_dwells
WHERE end_ms >= $1::float8 AND end_ms < $2::float8
GROUP BY GROUPING SETS ((stage), (stage, asset_id))`;
const DWELLS = dwellsSql(true);
// Percentiles sort every dwell of the window; a mean does not, and is what the KPIs show.
const DWELL_MEANS = dwellsSql(false);

/** A stage's dwells without their percentiles: what the KPI summary shows. */
export type StageMean = Omit<StageDwell, 'p50Sec' | 'p90Sec'>;

interface DwellRow {
  stage: ClearanceStage;
  assetId: string | null;
  overall: number;
  count: number;
  meanSec: number | string;
  p50Sec?: number | string;
  p90Sec?: number | string;
}

/** The rows of dwellsSql as stage figures: each stage overall, then per asset, in stage order then asset. */
function byStage<T extends StageMean>(rows: readonly DwellRow[], figures: (row: DwellRow) => Omit<T, 'stage' | 'assetId'>): T[] {
  const dwells: T[] = [];
  for (const row of rows) {
    // The per-asset set of a stage without an asset repeats its overall row.
    if (Number(row.overall) === 0 && row.assetId === null) continue;
    const stage = Number(row.overall) === 1 ? { stage: row.stage } : { stage: row.stage, assetId: row.assetId as string };
    dwells.push({ ...stage, ...figures(row) } as T);
  }
  const order = (d: StageMean) => CLEARANCE_STAGES.indexOf(d.stage);
  return dwells.sort((a, b) => order(a) - order(b) || (a.assetId ?? '').localeCompare(b.assetId ?? ''));
}

/**
 * Dwell per stage of the journeys whose stage ended in [from, to), epoch ms: each stage
 * overall, then per lane or scanner, in stage order then asset; stages nobody passed are left out.
 */
export async function stageDwells(db: Queryable, from: number, to: number): Promise<StageDwell[]> {
  const { rows } = await db.query<DwellRow>(DWELLS, [from, to]);
  return byStage<StageDwell>(rows, (row) => ({
    count: Number(row.count),
    meanSec: Number(row.meanSec),
    p50Sec: Number(row.p50Sec),
    p90Sec: Number(row.p90Sec),
  }));
}

/** stageDwells without the percentiles, which a long window's sort makes the costly part. */
export async function stageMeans(db: Queryable, from: number, to: number): Promise<StageMean[]> {
  const { rows } = await db.query<DwellRow>(DWELL_MEANS, [from, to]);
  return byStage<StageMean>(rows, (row) => ({ count: Number(row.count), meanSec: Number(row.meanSec) }));
}

/**
 * The bottleneck of a window against its baseline: among the stages and assets (the per-asset
 * rows, and the overall row of a stage that has no asset; never `turn`, which is every stage
 * at once) with BOTTLENECK_MIN_COUNT dwells in both, those whose mean grew by
 * BOTTLENECK_MIN_RATIO and BOTTLENECK_MIN_GROWTH_SEC; the one that grew most in seconds, or
 * null when none did.
 */
export function pickBottleneck(current: readonly StageDwell[], baseline: readonly StageDwell[]): Bottleneck | null {
  const key = (d: StageDwell) => `${d.stage} ${d.assetId ?? ''}`;
  const before = new Map(baseline.map((d) => [key(d), d]));
  const assetStages = new Set(current.filter((d) => d.assetId !== undefined).map((d) => d.stage));
  let best: Bottleneck | null = null;
  for (const now of current) {
    if (now.stage === 'turn' || (now.assetId === undefined && assetStages.has(now.stage))) continue;
    const then = before.get(key(now));
    if (!then || now.count < BOTTLENECK_MIN_COUNT || then.count < BOTTLENECK_MIN_COUNT) continue;
    const growth = now.meanSec - then.meanSec;
    if (now.meanSec < then.meanSec * BOTTLENECK_MIN_RATIO || growth < BOTTLENECK_MIN_GROWTH_SEC) continue;
    if (!best || growth > best.dwellSec - best.baselineSec) {
      best = { stage: now.stage, assetId: now.assetId ?? null, dwellSec: now.meanSec, baselineSec: then.meanSec };
    }
  }
  return best;
}

/** Clearance time in [from, to) and its bottleneck against the BASELINE_MS before `from`. */
export async function clearance(db: Queryable, from: number, to: number): Promise<Clearance> {
  const stages = await stageDwells(db, from, to);
  const baseline = await stageDwells(db, from - BASELINE_MS, from);
  return { stages, bottleneck: pickBottleneck(stages, baseline) };
}
