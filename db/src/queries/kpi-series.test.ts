import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../database';
import { MIGRATIONS_DIR } from '../migrate';
import { testDatabases } from '../test-databases';
import { expectedKpiSeries, FIXTURE_MINUTES, fixtureStart, kpiFixture, writeKpiFixture } from './kpi-fixture';
import { kpiSeries } from './kpi-series';

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

  it('can apply the aggregate views again without change', async () => {
    await db.exec(readFileSync(join(MIGRATIONS_DIR, '004_kpi_aggregates.sql'), 'utf8'));
    await db.exec(readFileSync(join(MIGRATIONS_DIR, '005_compression_retention.sql'), 'utf8'));
    expect(await kpiSeries(db, { from: START, to: END, bucket: 'hour' })).toEqual(expectedKpiSeries(messages, START, END, 'hour'));
  });

  it('returns only buckets that start inside the range', async () => {
    const series = await kpiSeries(db, { from: START + 60_000, to: START + 180_000, bucket: 'minute' });
    expect(series.map((bucket) => bucket.start)).toEqual([START + 60_000, START + 120_000]);
  });
});
