import { copyFileSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DeviceMessage } from '@porttwin/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../database';
import { migrate, MIGRATIONS_DIR } from '../migrate';
import { openPglite } from '../pglite-database';
import { openPostgres } from '../postgres-database';
import { createScratchDatabase, testDatabases } from '../test-databases';
import { expectedKpiSeries, FIXTURE_MINUTES, fixtureStart, kpiFixture, writeKpiFixture } from './kpi-fixture';
import { kpiSeries } from './kpi-series';
import { type AssetWindowTotals, noWindowTotals, windowTotals } from './kpi-window';
import { writeIngestBatch } from './ingest';

const engines = await testDatabases();
const START = fixtureStart();
const END = START + FIXTURE_MINUTES * 60_000;
const messages = kpiFixture(START);

describe.each(engines)('kpiSeries on plain $name', (engine) => {
  let db: Database;
  let dispose: () => Promise<void> = async () => {};
  beforeAll(async () => {
    ({ db, dispose } = await engine.open());
    await writeKpiFixture(db, messages);
  });
  afterAll(() => dispose());

  it('gives per-minute KPIs per asset and for the site', async () => {
    const series = await kpiSeries(db, { from: START, to: END, bucket: 'minute' });
    expect(series).toHaveLength(FIXTURE_MINUTES);
    expect(series).toEqual(expectedKpiSeries(messages, START, END, 'minute'));
  });

  it('gives per-hour KPIs that add up the minutes', async () => {
    const series = await kpiSeries(db, { from: START, to: END, bucket: 'hour' });
    expect(series.map((bucket) => bucket.start)).toEqual([START, START + 3_600_000, START + 7_200_000]);
    expect(series).toEqual(expectedKpiSeries(messages, START, END, 'hour'));
  });

  it.each([
    ['whole hours and the minutes either side', START + 7 * 60_000, END - 3 * 60_000],
    ['minutes inside one hour', START + 7 * 60_000, START + 50 * 60_000],
    ['whole hours alone', START, START + 7_200_000],
  ])('sums a window of %s as its messages say', async (_, from, to) => {
    const totals = await windowTotals(db, from, to);
    expect(new Map(totals.map((row) => [row.assetId, row]))).toEqual(expectedWindowTotals(messages, from, to));
  });

  it('adds metrics of any finite size without refusing the batch', async () => {
    // 1e308 is a valid queue length by the contract; two of them overflow a float8 sum.
    const minute = END + 60_000;
    const extreme = (seq: number, queueLength: number): DeviceMessage => ({
      site: 'harbour',
      kind: 'gate',
      assetId: 'GL-HUGE',
      channel: 'telemetry',
      ts: minute + seq * 1_000,
      seq,
      receivedAt: minute + seq * 1_000 + 40,
      metrics: { queueLength, busy: 1 },
    });
    await writeIngestBatch(db, { gatewayId: 'g1', messages: [extreme(1, 1e308), extreme(2, 1e308), extreme(3, 5e-324)], deadLetters: [] });
    const [bucket] = await kpiSeries(db, { from: minute, to: minute + 60_000, bucket: 'minute' });
    expect(bucket!.assets).toEqual([expect.objectContaining({ assetId: 'GL-HUGE', queueMax: 1e308, utilisation: 1 })]);
    const { rows } = await db.query<{ sum: string }>("SELECT queue_sum::text AS sum FROM kpi_telemetry_1h WHERE asset_id = 'GL-HUGE'");
    expect(rows[0]!.sum).toBe(`2${'0'.repeat(308)}.${'0'.repeat(323)}5`);
  });

  it('returns only buckets that start inside the range', async () => {
    const series = await kpiSeries(db, { from: START + 60_000, to: START + 180_000, bucket: 'minute' });
    expect(series.map((bucket) => bucket.start)).toEqual([START + 60_000, START + 120_000]);
  });
});

// The aggregates became tables in 015: a database upgraded with rows already stored gets them
// counted once, and what is written afterwards adds to them.
describe.each(engines)('KPI aggregates of rows stored before migration 015, on plain $name', (engine) => {
  const before015 = mkdtempSync(join(tmpdir(), 'porttwin-migrations-'));
  let db: Database;
  let dispose: () => Promise<void> = async () => {};
  beforeAll(async () => {
    for (const name of readdirSync(MIGRATIONS_DIR).filter((file) => file < '015'))
      copyFileSync(join(MIGRATIONS_DIR, name), join(before015, name));
    if (engine.name === 'pglite') {
      db = await openPglite(undefined);
      dispose = () => db.close();
    } else {
      const scratch = await createScratchDatabase();
      db = await openPostgres(scratch.url);
      dispose = async () => {
        await db.close();
        await scratch.drop();
      };
    }
  });
  afterAll(async () => {
    await dispose();
    rmSync(before015, { recursive: true, force: true });
  });

  it('counts the rows stored before, then adds what comes after', async () => {
    await migrate(db, before015);
    const firstHour = messages.filter((message) => message.ts < START + 3_600_000);
    await writeKpiFixture(db, firstHour);
    expect(await migrate(db)).toContain('015_kpi_rollups.sql');
    await writeKpiFixture(db, messages.slice(firstHour.length));
    expect(await kpiSeries(db, { from: START, to: END, bucket: 'minute' })).toEqual(expectedKpiSeries(messages, START, END, 'minute'));
    expect(await kpiSeries(db, { from: START, to: END, bucket: 'hour' })).toEqual(expectedKpiSeries(messages, START, END, 'hour'));
  });
});

/** windowTotals worked out from the messages: each asset with a KPI row in [from, to). */
function expectedWindowTotals(all: readonly DeviceMessage[], from: number, to: number): Map<string, AssetWindowTotals> {
  const totals = new Map<string, AssetWindowTotals>();
  const of = (message: DeviceMessage) => {
    const row = totals.get(message.assetId) ?? noWindowTotals(message.assetId, message.kind);
    totals.set(message.assetId, row);
    return row;
  };
  for (const message of all) {
    if (message.ts < from || message.ts >= to) continue;
    if (message.channel === 'event') {
      if (!['truck.arrived', 'truck.admitted', 'truck.rejected', 'move.completed', 'scan.completed'].includes(message.type)) continue;
      const row = of(message);
      if (message.type === 'truck.admitted') row.trucksAdmitted += 1;
      if (message.type === 'move.completed') row.moves += 1;
      if (message.type === 'scan.completed') row.scans += 1;
      if (message.type === 'scan.completed' && message.data.verdict === 'suspect') row.suspectScans += 1;
    } else if (message.channel === 'telemetry') {
      const { queueLength, busy } = message.metrics;
      if (queueLength === undefined && busy === undefined) continue;
      const row = of(message);
      if (typeof queueLength === 'number') {
        row.queueSamples += 1;
        row.queueSum += queueLength;
      }
      if (typeof busy === 'number' || typeof busy === 'boolean') {
        row.busySamples += 1;
        row.busySum += Number(busy);
      }
    }
  }
  return totals;
}
