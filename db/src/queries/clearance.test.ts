// Clearance time computed in SQL on PGlite and PostgreSQL, from hand-made journeys whose
// dwells are known exactly: count, mean, p50 and p90 per stage and per asset, a dwell counted
// in the window it ends in, and the bottleneck named — or nothing when the growth is noise.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../database';
import { testDatabases } from '../test-databases';
import { BASELINE_MS, clearance, pickBottleneck, type StageDwell, stageDwells } from './clearance';

const T0 = Date.parse('2026-11-22T08:00:00.000Z');
const HOUR = 3_600_000;

interface Visit {
  inLane: string;
  /** Epoch ms. */
  arrived: number;
  gateQueue: number;
  /** Seconds in the portal until the booth took the truck; absent on a lane without one. */
  portal?: number;
  booth: number;
  scan?: { scanner: string; queue: number; scan: number };
  yard: number;
  outLane: string;
  outQueue: number;
  outBooth: number;
}

/** A released journey's row with each stage placed by the dwells asked for (and 30 s drives between). */
function row(plate: string, v: Visit) {
  let t = v.arrived;
  const at = (sec: number) => (t += sec * 1000);
  const stages: Record<string, number | null> = { arrived: t };
  stages.portalStart = v.portal === undefined ? null : at(v.gateQueue);
  stages.portalEnd = v.portal === undefined ? null : (stages.portalStart as number) + 5000;
  stages.gateStart = at(v.portal ?? v.gateQueue);
  stages.gateEnd = at(v.booth);
  stages.scanQueued = v.scan ? at(30) : null;
  stages.scanStart = v.scan ? at(v.scan.queue) : null;
  stages.scanEnd = v.scan ? at(v.scan.scan) : null;
  stages.yardArrived = at(30);
  stages.yardDone = at(v.yard);
  stages.outQueued = at(30);
  stages.outGateStart = at(v.outQueue);
  stages.outGateEnd = at(v.outBooth);
  stages.departed = t;
  return {
    plate,
    arrived_at: v.arrived,
    in_lane: v.inLane,
    out_lane: v.outLane,
    outcome: 'released',
    inspected: v.scan !== undefined,
    scanner: v.scan?.scanner ?? null,
    stages,
    departed_at: t,
    turn_sec: (t - v.arrived) / 1000,
  };
}

async function insert(db: Database, rows: ReturnType<typeof row>[]): Promise<void> {
  await db.query(
    `INSERT INTO journeys (plate, arrived_at, in_lane, out_lane, outcome, inspected, scanner, stages, departed_at, turn_sec)
     SELECT r.plate, to_timestamp(r.arrived_at / 1000.0), r.in_lane, r.out_lane, r.outcome, r.inspected, r.scanner, r.stages,
            to_timestamp(r.departed_at / 1000.0), r.turn_sec
     FROM jsonb_to_recordset($1::jsonb) AS r(plate text, arrived_at float8, in_lane text, out_lane text, outcome text,
          inspected boolean, scanner text, stages jsonb, departed_at float8, turn_sec float8)`,
    [JSON.stringify(rows)],
  );
}

const base = { yard: 600, outLane: 'GL-OUT-1', outQueue: 20, outBooth: 25, booth: 40 };
let plates = 0;
const visits = (n: number, from: number, visit: (i: number) => Omit<Visit, 'arrived' | keyof typeof base> & Partial<Visit>) =>
  Array.from({ length: n }, (_, i) =>
    row(`粤B${String((plates += 1)).padStart(5, '0')}`, { ...base, arrived: from + i * 60_000, ...visit(i) }),
  );

const engines = await testDatabases();

describe.each(engines)('clearance time on $name', (engine) => {
  let db: Database;
  let dispose: () => Promise<void>;

  beforeAll(async () => {
    ({ db, dispose } = await engine.open());
    // Baseline (the 3 h before T0): GL-IN-1 queues 60 s, GL-IN-2 30 s, SC-01's queue 50 s.
    await insert(db, [
      ...visits(5, T0 - 2 * HOUR, () => ({ inLane: 'GL-IN-1', gateQueue: 60, portal: 10 })),
      ...visits(5, T0 - 2 * HOUR, () => ({ inLane: 'GL-IN-2', gateQueue: 30, scan: { scanner: 'SC-01', queue: 50, scan: 90 } })),
      ...visits(5, T0 - HOUR, () => ({ inLane: 'GL-IN-2', gateQueue: 30, scan: { scanner: 'SC-02', queue: 40, scan: 90 } })),
    ]);
    // The window [T0, T0 + 1 h): GL-IN-1's queue grows to 60…300 s (mean 180, 3× its 60 s);
    // SC-01's queue doubles but by 50 s only; SC-02's grows 25-fold, but for 4 trucks.
    await insert(db, [
      ...visits(5, T0, (i) => ({ inLane: 'GL-IN-1', gateQueue: 60 * (i + 1), portal: 10 })),
      ...visits(5, T0, () => ({ inLane: 'GL-IN-2', gateQueue: 30, scan: { scanner: 'SC-01', queue: 100, scan: 90 } })),
      ...visits(4, T0 + 10 * 60_000, () => ({ inLane: 'GL-IN-3', gateQueue: 30, scan: { scanner: 'SC-02', queue: 1000, scan: 90 } })),
    ]);
    // A queue that started before the window and ended in it is the window's; one that ends at
    // its close is the next window's.
    await insert(db, [
      row('粤B90001', { ...base, inLane: 'GL-IN-4', arrived: T0 - 100_000, gateQueue: 160 }),
      row('粤B90002', { ...base, inLane: 'GL-IN-4', arrived: T0 + HOUR - 100_000, gateQueue: 100 }),
    ]);
  });
  afterAll(async () => dispose?.());

  const find = (dwells: StageDwell[], stage: string, assetId?: string) => dwells.find((d) => d.stage === stage && d.assetId === assetId);

  it('gives count, mean, p50 and p90 per stage and per lane, exactly', async () => {
    const dwells = await stageDwells(db, T0, T0 + HOUR);
    // percentile_cont interpolates: 60…300 s has p90 at 3.6 of 4 steps, 240 + 0.6 × 60.
    expect(find(dwells, 'gateQueue', 'GL-IN-1')).toEqual({
      stage: 'gateQueue',
      assetId: 'GL-IN-1',
      count: 5,
      meanSec: 180,
      p50Sec: 180,
      p90Sec: 276,
    });
    expect(find(dwells, 'gateQueue', 'GL-IN-4')).toEqual({
      stage: 'gateQueue',
      assetId: 'GL-IN-4',
      count: 1,
      meanSec: 160,
      p50Sec: 160,
      p90Sec: 160,
    });
    // Overall: 5 × 30 (GL-IN-2) + 4 × 30 (GL-IN-3) + 60…300 + 160 = 15 dwells summing 1330 s.
    const overall = find(dwells, 'gateQueue') as StageDwell;
    expect([overall.count, overall.meanSec]).toEqual([15, 88.667]);
    // Sorted: 30 ×9, 60, 120, 160, 180, 240, 300: the median is the 8th (30), p90 at 12.6 → 180 + 0.6 × 60.
    expect([overall.p50Sec, overall.p90Sec]).toEqual([30, 216]);
    expect(find(dwells, 'portal', 'GL-IN-1')).toMatchObject({ count: 5, meanSec: 10 });
    expect(find(dwells, 'scanQueue', 'SC-01')).toMatchObject({ count: 5, meanSec: 100, p50Sec: 100, p90Sec: 100 });
    expect(find(dwells, 'scanQueue', 'SC-02')).toMatchObject({ count: 4, meanSec: 1000 });
    expect(find(dwells, 'scan')).toMatchObject({ count: 9, meanSec: 90 });
    expect(find(dwells, 'booth')).toMatchObject({ count: 15, meanSec: 40 });
    // Stages overall first, then by asset; the yard has no asset, so one row.
    expect(dwells.filter((d) => d.stage === 'yard').map((d) => d.assetId)).toEqual([undefined]);
    expect(dwells.filter((d) => d.stage === 'gateQueue').map((d) => d.assetId)).toEqual([
      undefined,
      'GL-IN-1',
      'GL-IN-2',
      'GL-IN-3',
      'GL-IN-4',
    ]);
    expect([...new Set(dwells.map((d) => d.stage))]).toEqual([
      'gateQueue',
      'portal',
      'booth',
      'scanQueue',
      'scan',
      'yard',
      'outQueue',
      'outBooth',
      'turn',
    ]);
  });

  it('names the stage and asset that grew most, with both figures', async () => {
    expect((await clearance(db, T0, T0 + HOUR)).bottleneck).toEqual({
      stage: 'gateQueue',
      assetId: 'GL-IN-1',
      dwellSec: 180,
      baselineSec: 60,
    });
  });

  it('names nothing when the window is like its baseline', async () => {
    // The hour before T0 against the 3 h before it: the same dwells throughout.
    const before = await clearance(db, T0 - HOUR, T0);
    expect(find(before.stages, 'gateQueue', 'GL-IN-2')).toMatchObject({ count: 5, meanSec: 30 });
    expect(before.bottleneck).toBeNull();
    expect((await clearance(db, T0 - 10 * HOUR, T0 - 9 * HOUR)).stages).toEqual([]);
  });
});

describe('the bottleneck rule', () => {
  const dwell = (stage: StageDwell['stage'], assetId: string | undefined, count: number, meanSec: number): StageDwell => ({
    stage,
    ...(assetId === undefined ? {} : { assetId }),
    count,
    meanSec,
    p50Sec: meanSec,
    p90Sec: meanSec,
  });

  it('needs five dwells on both sides, 1.5 times the baseline and a minute more', () => {
    const baseline = [dwell('booth', 'GL-IN-1', 5, 200), dwell('scanQueue', 'SC-01', 4, 60), dwell('yard', undefined, 5, 600)];
    expect(pickBottleneck([dwell('booth', 'GL-IN-1', 5, 299)], baseline)).toBeNull(); // 1.495×
    expect(pickBottleneck([dwell('booth', 'GL-IN-1', 4, 900)], baseline)).toBeNull(); // too few now
    expect(pickBottleneck([dwell('scanQueue', 'SC-01', 9, 900)], baseline)).toBeNull(); // too few before
    expect(pickBottleneck([dwell('booth', 'GL-IN-1', 5, 300)], baseline)).toEqual({
      stage: 'booth',
      assetId: 'GL-IN-1',
      dwellSec: 300,
      baselineSec: 200,
    });
    // A stage without an asset is judged on its overall row; the largest growth in seconds wins.
    expect(pickBottleneck([dwell('booth', 'GL-IN-1', 5, 300), dwell('yard', undefined, 5, 1000)], baseline)).toEqual({
      stage: 'yard',
      assetId: null,
      dwellSec: 1000,
      baselineSec: 600,
    });
    // The whole visit is every stage at once, never a bottleneck of its own.
    expect(pickBottleneck([dwell('turn', undefined, 50, 9000)], [dwell('turn', undefined, 50, 900)])).toBeNull();
  });

  it('judges against the 3 h before the window', () => {
    expect(BASELINE_MS).toBe(3 * HOUR);
  });
});
