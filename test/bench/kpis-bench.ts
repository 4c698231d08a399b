// `pnpm bench kpis`, the queries: clearance, the KPI series, the live KPI summary, journeys by
// plate and the gate forecast, each over the last simulated day and over the whole week, timed
// as the API runs them (same functions, warm), beside a bare count over the same rows.
import type { Database } from '@porttwin/db';
import { clearance, kpiSeries, listJourneys, MAX_JOURNEY_MS } from '@porttwin/db';
import { gateForecast, type KpiSite, kpiSite, kpiSummary, readTargetsFile, targetsFileBeside } from '@porttwin/server';
import { DEFAULT_SITE_FILE } from '@porttwin/simulator';
import { defaultLayout } from './simulated-week';

export interface QueryTiming {
  engine: string;
  query: string;
  window: 'last hour' | 'last 15 min' | 'day' | 'week' | 'at the end';
  /** Median of the timed runs, ms. */
  medianMs: number;
  maxMs: number;
  /** What it answered or read, to show the work behind the time. */
  answer: string;
  /** Bare counts over the same rows: the floor, not an aim. */
  floor: boolean;
}

export interface BenchWindow {
  name: 'day' | 'week';
  from: number;
  to: number;
}

/** Runs after one untimed warm-up; the median resists the other work on a shared machine. */
const RUNS = 5;

async function timed<T>(run: () => Promise<T>): Promise<{ medianMs: number; maxMs: number; last: T }> {
  let last = await run();
  const samples: number[] = [];
  for (let i = 0; i < RUNS; i += 1) {
    const started = performance.now();
    last = await run();
    samples.push(performance.now() - started);
  }
  samples.sort((a, b) => a - b);
  return { medianMs: samples[Math.floor(samples.length / 2)]!, maxMs: samples.at(-1)!, last };
}

/** The default site's lanes, cranes and targets, as the console reads them. */
export function defaultKpiSite(): KpiSite {
  const layout = defaultLayout();
  return kpiSite(layout, readTargetsFile(targetsFileBeside(DEFAULT_SITE_FILE), layout.site));
}

/** The plate seen most over the window: a look-up that finds a regular truck's every visit. */
async function busiestPlate(db: Database, window: BenchWindow): Promise<string> {
  const { rows } = await db.query<{ plate: string }>(
    `SELECT plate FROM journeys WHERE arrived_at >= to_timestamp($1 / 1000.0) AND arrived_at < to_timestamp($2 / 1000.0)
     GROUP BY plate ORDER BY count(*) DESC, plate LIMIT 1`,
    [window.from, window.to],
  );
  if (!rows[0]) throw new Error('bench: no journeys stored in the window');
  return rows[0].plate;
}

const assetRows = (buckets: readonly { assets: readonly unknown[] }[]) => buckets.reduce((sum, bucket) => sum + bucket.assets.length, 0);

async function countRows(db: Database, sql: string, params: unknown[]): Promise<number> {
  const { rows } = await db.query<{ n: string | number }>(sql, params);
  return Number(rows[0]?.n ?? 0);
}

/** Times every query over each window on one database. */
export async function timeKpiQueries(db: Database, engine: string, windows: readonly BenchWindow[]): Promise<QueryTiming[]> {
  const site = defaultKpiSite();
  const timings: QueryTiming[] = [];
  const record = (query: string, window: QueryTiming['window'], t: { medianMs: number; maxMs: number }, answer: string, floor = false) =>
    timings.push({ engine, query, window, medianMs: t.medianMs, maxMs: t.maxMs, answer, floor });
  const widest = windows.at(-1)!;
  const end = widest.to;

  // What every console is sent each minute: the last whole hour's clearance, the live window's KPIs.
  const lastHour = await timed(() => clearance(db, end - 3_600_000, end));
  record('clearance (GET /api/clearance, with its 3 h baseline)', 'last hour', lastHour, `${lastHour.last.stages.length} stage rows`);
  const live = await timed(() => kpiSummary(db, site, end - 15 * 60_000, end));
  record(
    'kpiSummary (the live KPI panel, GET /api/kpis/summary)',
    'last 15 min',
    live,
    `${Math.round(live.last.site.trucksPerHour)} trucks/h`,
  );

  for (const window of windows) {
    const { from, to, name } = window;
    const c = await timed(() => clearance(db, from, to));
    const turn = c.last.stages.find((s) => s.stage === 'turn' && s.assetId === undefined);
    record(
      'clearance (GET /api/clearance, with its 3 h baseline)',
      name,
      c,
      `${turn?.count ?? 0} turns, ${c.last.stages.length} stage rows`,
    );
    // The journeys clearance reads (arrivals from a day before the baseline), counted bare.
    const journeysRead = await timed(() =>
      countRows(
        db,
        `SELECT count(*) AS n FROM journeys WHERE arrived_at >= to_timestamp($1 / 1000.0) AND arrived_at < to_timestamp($2 / 1000.0)`,
        [from - 3 * 3_600_000 - MAX_JOURNEY_MS, to],
      ),
    );
    record('floor: count(*) of the journeys clearance reads', name, journeysRead, `${journeysRead.last} journeys`, true);

    if (name === 'day') {
      const minutes = await timed(() => kpiSeries(db, { from, to, bucket: 'minute' }));
      record(
        'kpiSeries per minute (GET /api/kpis)',
        name,
        minutes,
        `${minutes.last.length} buckets, ${assetRows(minutes.last)} asset rows`,
      );
    }
    const hours = await timed(() => kpiSeries(db, { from, to, bucket: 'hour' }));
    record(
      'kpiSeries per hour (GET /api/kpis?bucket=hour)',
      name,
      hours,
      `${hours.last.length} buckets, ${assetRows(hours.last)} asset rows`,
    );
    const events = await timed(() =>
      countRows(db, `SELECT count(*) AS n FROM events WHERE ts >= to_timestamp($1 / 1000.0) AND ts < to_timestamp($2 / 1000.0)`, [
        from,
        to,
      ]),
    );
    record('floor: count(*) of the events in the window', name, events, `${events.last} events`, true);
    const telemetry = await timed(() =>
      countRows(db, `SELECT count(*) AS n FROM telemetry WHERE ts >= to_timestamp($1 / 1000.0) AND ts < to_timestamp($2 / 1000.0)`, [
        from,
        to,
      ]),
    );
    record('floor: count(*) of the telemetry in the window', name, telemetry, `${telemetry.last} rows`, true);

    const summary = await timed(() => kpiSummary(db, site, from, to));
    record(
      'kpiSummary (the live KPI panel, GET /api/kpis/summary)',
      name,
      summary,
      `${Math.round(summary.last.site.trucksPerHour)} trucks/h, gate wait ${summary.last.site.gateWaitSec?.toFixed(0) ?? '–'} s`,
    );

    const plate = await busiestPlate(db, window);
    const journeys = await timed(() => listJourneys(db, { plate, from, to, limit: 1000 }));
    record('listJourneys by plate (GET /api/journeys?plate=)', name, journeys, `${journeys.last.length} visits of the busiest plate`);
  }

  const forecast = await timed(() =>
    gateForecast(db, site, { at: end, horizonMin: 60, targetWaitSec: site.targets.targets.gateWaitSec?.target ?? 600 }),
  );
  const expected = forecast.last.site.buckets.reduce((sum, bucket) => sum + bucket.arrivals, 0);
  record(
    'gateForecast (GET /api/forecast, 7 days of profile)',
    'at the end',
    forecast,
    `${Math.round(expected)} arrivals expected next hour`,
  );
  return timings;
}
