// The TimescaleDB path of the schema, on PGlite's TimescaleDB 2.23 build: hypertables,
// policies, continuous aggregates that answer as the plain views do, compression,
// retention, and a reopened data directory. One database for the whole file, in order,
// because opening this build costs seconds.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from './database';
import { hasTimescale, migrate, MIGRATIONS_DIR } from './migrate';
import { openDatabase } from './open-database';
import { listEvents, listTelemetry } from './queries/history';
import { writeIngestBatch } from './queries/ingest';
import { expectedKpiSeries, FIXTURE_MINUTES, fixtureStart, kpiFixture, writeKpiFixture } from './queries/kpi-fixture';
import { kpiSeries } from './queries/kpi-series';
import { maskExpiredPlates } from './queries/plate-retention';
import { createTimescalePglite } from './timescale-pglite';

const DAY = 86_400_000;
const START = fixtureStart();
const END = START + FIXTURE_MINUTES * 60_000;
const messages = kpiFixture(START);
const dataDir = mkdtempSync(join(tmpdir(), 'porttwin-timescale-'));
const open = () => openDatabase({ dataDir, createPglite: createTimescalePglite });

describe('the schema on TimescaleDB', () => {
  let db: Database;
  beforeAll(async () => {
    db = await open();
    await writeKpiFixture(db, messages);
  });
  afterAll(async () => {
    await db?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  async function expectFixtureSeries(): Promise<void> {
    expect(await kpiSeries(db, { from: START, to: END, bucket: 'minute' })).toEqual(expectedKpiSeries(messages, START, END, 'minute'));
    expect(await kpiSeries(db, { from: START, to: END, bucket: 'hour' })).toEqual(expectedKpiSeries(messages, START, END, 'hour'));
  }

  async function jobIds(procName: string, relation: string): Promise<number[]> {
    const { rows } = await db.query<{ job_id: number }>(
      `SELECT j.job_id FROM timescaledb_information.jobs j
       LEFT JOIN timescaledb_information.continuous_aggregates c
         ON c.materialization_hypertable_name = j.hypertable_name
       WHERE j.proc_name = $1 AND coalesce(c.view_name, j.hypertable_name) LIKE $2
       ORDER BY coalesce(c.view_name, j.hypertable_name) LIKE '%_1h', j.job_id`,
      [procName, relation],
    );
    return rows.map((row) => Number(row.job_id));
  }

  async function runJobs(procName: string, relation: string): Promise<void> {
    const ids = await jobIds(procName, relation);
    expect(ids.length).toBeGreaterThan(0);
    // No background workers in this build: a policy runs when called.
    for (const id of ids) await db.exec(`CALL run_job(${id})`);
  }

  it('makes telemetry, events and device status hypertables with compression enabled', async () => {
    expect(await hasTimescale(db)).toBe(true);
    const { rows } = await db.query<{ hypertable_name: string; compression_enabled: boolean }>(
      `SELECT hypertable_name, compression_enabled FROM timescaledb_information.hypertables
       WHERE hypertable_schema = 'public' ORDER BY hypertable_name`,
    );
    expect(rows).toEqual([
      { hypertable_name: 'device_status', compression_enabled: true },
      { hypertable_name: 'events', compression_enabled: true },
      { hypertable_name: 'telemetry', compression_enabled: true },
    ]);
  });

  it('keeps the KPI buckets as real-time continuous aggregates', async () => {
    const { rows } = await db.query<{ view_name: string; materialized_only: boolean }>(
      'SELECT view_name, materialized_only FROM timescaledb_information.continuous_aggregates ORDER BY view_name',
    );
    expect(rows).toEqual(
      ['kpi_events_1h', 'kpi_events_1m', 'kpi_telemetry_1h', 'kpi_telemetry_1m'].map((name) => ({
        view_name: name,
        materialized_only: false,
      })),
    );
  });

  it('schedules refresh, compression and retention policies with the documented defaults', async () => {
    const { rows } = await db.query<{ proc_name: string; relation: string; config: Record<string, unknown> }>(
      `SELECT j.proc_name, coalesce(c.view_name, j.hypertable_name) AS relation, j.config
       FROM timescaledb_information.jobs j
       LEFT JOIN timescaledb_information.continuous_aggregates c ON c.materialization_hypertable_name = j.hypertable_name
       WHERE j.proc_name IN ('policy_refresh_continuous_aggregate', 'policy_compression', 'policy_retention')`,
    );
    const policies = Object.fromEntries(rows.map((row) => [`${row.proc_name} ${row.relation}`, row.config]));
    expect(Object.keys(policies).sort()).toEqual([
      'policy_compression device_status',
      'policy_compression events',
      'policy_compression telemetry',
      'policy_refresh_continuous_aggregate kpi_events_1h',
      'policy_refresh_continuous_aggregate kpi_events_1m',
      'policy_refresh_continuous_aggregate kpi_telemetry_1h',
      'policy_refresh_continuous_aggregate kpi_telemetry_1m',
      'policy_retention device_status',
      'policy_retention events',
      'policy_retention kpi_events_1m',
      'policy_retention kpi_telemetry_1m',
      'policy_retention telemetry',
    ]);
    expect(policies['policy_compression telemetry']).toMatchObject({ compress_after: '7 days' });
    expect(policies['policy_retention telemetry']).toMatchObject({ drop_after: '90 days' });
    expect(policies['policy_retention events']).toMatchObject({ drop_after: '365 days' });
    expect(policies['policy_retention kpi_events_1m']).toMatchObject({ drop_after: '365 days' });
    expect(policies['policy_refresh_continuous_aggregate kpi_events_1m']).toMatchObject({
      start_offset: '60 days',
      end_offset: '00:01:00',
      buckets_per_batch: 1440,
    });
    const { rows: segments } = await db.query<{ hypertable_name: string; attname: string }>(
      `SELECT hypertable_name, attname FROM timescaledb_information.compression_settings
       WHERE segmentby_column_index IS NOT NULL ORDER BY hypertable_name`,
    );
    expect(
      segments.filter((row) => ['telemetry', 'events', 'device_status'].includes(row.hypertable_name)).map((row) => row.attname),
    ).toEqual(['asset_id', 'asset_id', 'asset_id']);
  });

  it('answers like the plain views before any refresh, from raw rows', async () => {
    await expectFixtureSeries();
  });

  it('answers the same once the refresh policies have materialised the buckets', async () => {
    await runJobs('policy_refresh_continuous_aggregate', 'kpi_%');
    const { rows } = await db.query<{ rows: number }>(
      `SELECT count(*)::int AS rows FROM _timescaledb_internal.${await materialization(db, 'kpi_events_1m')}`,
    );
    expect(rows[0]?.rows).toBeGreaterThan(0);
    await expectFixtureSeries();
  });

  it('answers the same with every chunk compressed, and stores a redelivery into a compressed chunk once', async () => {
    await db.query(`SELECT compress_chunk(c, if_not_compressed => true) FROM show_chunks('telemetry') c`);
    await db.query(`SELECT compress_chunk(c, if_not_compressed => true) FROM show_chunks('events') c`);
    const { rows } = await db.query<{ is_compressed: boolean }>(
      `SELECT DISTINCT is_compressed FROM timescaledb_information.chunks WHERE hypertable_name IN ('telemetry', 'events')`,
    );
    expect(rows).toEqual([{ is_compressed: true }]);
    await expectFixtureSeries();
    await writeIngestBatch(db, { gatewayId: 'g3', messages: messages.slice(0, 200), deadLetters: [] });
    await runJobs('policy_refresh_continuous_aggregate', 'kpi_%');
    await expectFixtureSeries();
  });

  it('masks plates past their retention inside compressed chunks, and the KPIs stay the same (issue 8)', async () => {
    const plated = messages.filter((m) => m.channel === 'event' && typeof m.data?.plate === 'string').length;
    const { rows: compressed } = await db.query(
      `SELECT 1 FROM timescaledb_information.chunks WHERE hypertable_name = 'events' AND is_compressed`,
    );
    expect(compressed.length).toBeGreaterThan(0);
    let masked = 0;
    for (let found = await maskExpiredPlates(db, 'events', END, 500); ; found = await maskExpiredPlates(db, 'events', END, 500)) {
      masked += found;
      if (found < 500) break;
    }
    expect(masked).toBe(plated);
    const events = await listEvents(db, { from: START, to: END, limit: 100_000 }, {});
    const plates = events.map((row) => row.data.plate).filter((plate) => plate !== undefined);
    expect(plates.length).toBe(plated);
    expect(plates.every((plate) => typeof plate === 'string' && plate.includes('*'))).toBe(true);
    await runJobs('policy_refresh_continuous_aggregate', 'kpi_%');
    await expectFixtureSeries();
  });

  it('compresses a week-old chunk when the compression policy runs', async () => {
    // Chunks span 7 days: a row 15 days old lies in a chunk that ended over 7 days ago.
    const old = Date.now() - 15 * DAY;
    await writeIngestBatch(db, {
      gatewayId: 'g1',
      messages: [
        {
          site: 'demo-port',
          kind: 'gate',
          assetId: 'GL-IN-1',
          channel: 'telemetry',
          ts: old,
          seq: 1,
          receivedAt: old,
          metrics: { queueLength: 4 },
        },
      ],
      deadLetters: [],
    });
    const compressed = async () =>
      (
        await db.query<{ is_compressed: boolean }>(
          `SELECT is_compressed FROM timescaledb_information.chunks
         WHERE hypertable_name = 'telemetry' AND range_start <= to_timestamp($1 / 1000.0) AND range_end > to_timestamp($1 / 1000.0)`,
          [old],
        )
      ).rows;
    expect(await compressed()).toEqual([{ is_compressed: false }]);
    await runJobs('policy_compression', 'telemetry');
    expect(await compressed()).toEqual([{ is_compressed: true }]);
    expect(await listTelemetry(db, { from: old, to: old + 1, limit: 10 })).toEqual([
      expect.objectContaining({ metrics: { queueLength: 4 } }),
    ]);
  });

  it('drops raw telemetry past 90 days while the per-minute aggregates keep its figures', async () => {
    const old = Math.floor((Date.now() - 100 * DAY) / 60_000) * 60_000;
    await writeIngestBatch(db, {
      gatewayId: 'g1',
      messages: [
        {
          site: 'demo-port',
          kind: 'gate',
          assetId: 'GL-IN-1',
          channel: 'telemetry',
          ts: old,
          seq: 1,
          receivedAt: old,
          metrics: { queueLength: 6 },
        },
      ],
      deadLetters: [],
    });
    // Past the policies' 60-day window: materialised by hand, as a backfill would be.
    await db.exec(
      `CALL refresh_continuous_aggregate('kpi_telemetry_1m', to_timestamp(${old / 1000}), to_timestamp(${(old + 60_000) / 1000}))`,
    );
    await runJobs('policy_retention', 'telemetry');
    expect(await listTelemetry(db, { from: old, to: old + 1, limit: 10 })).toEqual([]);
    const [bucket] = await kpiSeries(db, { from: old, to: old + 60_000, bucket: 'minute' });
    expect(bucket?.assets).toEqual([expect.objectContaining({ assetId: 'GL-IN-1', queueAvg: 6, queueMax: 6 })]);
    await runJobs('policy_refresh_continuous_aggregate', 'kpi_%');
    expect(await kpiSeries(db, { from: old, to: old + 60_000, bucket: 'minute' })).toHaveLength(1);
  });

  it('can apply its TimescaleDB migrations again without change', async () => {
    const jobs = async () => (await db.query('SELECT job_id, config FROM timescaledb_information.jobs ORDER BY job_id')).rows;
    const before = await jobs();
    for (const name of ['002_timescale.sql', '004_kpi_aggregates.sql', '005_compression_retention.sql']) {
      await db.exec(readFileSync(join(MIGRATIONS_DIR, name), 'utf8'));
    }
    expect(await jobs()).toEqual(before);
    await expectFixtureSeries();
  });

  it('answers the same after the data directory is reopened', async () => {
    await db.close();
    db = await open();
    expect(await migrate(db)).toEqual([]);
    await expectFixtureSeries();
  });
});

async function materialization(db: Database, view: string): Promise<string> {
  const { rows } = await db.query<{ name: string }>(
    'SELECT materialization_hypertable_name AS name FROM timescaledb_information.continuous_aggregates WHERE view_name = $1',
    [view],
  );
  return rows[0]?.name ?? view;
}
