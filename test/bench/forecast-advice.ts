// Whether following the gate forecast's lane advice keeps the wait under target in the
// `morning-peak` scenario: a week of history, then the scenario run three ways on one seed —
// every inbound lane open; the lanes the forecast advised at the start and no change after;
// and every piece of advice followed as it comes. The runs share the history (each starts from
// a copy of its database) and the seed, so they differ only by the lanes.
import type { Forecast, SiteLayout } from '@porttwin/contracts';
import { type Database, openDatabase } from '@porttwin/db';
import { createScratchDatabase, type ScratchDatabase } from '@porttwin/db/testing';
import { gateForecast, type KpiSite } from '@porttwin/server';
import { type Injection, readScenarioFile, type Scenario, scenarioFile } from '@porttwin/simulator';
import { HISTORY_DAYS, HISTORY_LEAD_MS, TELEMETRY_MS } from './forecast-accuracy';
import { feedGate, type TruckTruth } from './forecast-feed';
import { actualQuarters, ErrorTally, QUARTER_MS } from './forecast-truth';

const MIN = 60_000;
const HOUR_MS = 60 * MIN;
const DAY_MS = 24 * HOUR_MS;
/** The first forecast a minute in, once the lanes' telemetry (every 30 s) says which lanes the run began with… */
const ASK_AFTER_MS = MIN;
/** …then every 5 minutes, as a supervisor glancing at the console would see it; advice is acted on when seen. */
const ASK_EVERY_MS = 5 * MIN;
const TRUTH_TAIL_MS = 2 * HOUR_MS;
/** Re-runs at most this often: each piece of advice followed is one more run. */
const MAX_RUNS = 40;

/** A supervisor's change of lanes, made when the forecast advised it. */
interface LaneChange {
  at: number;
  action: 'open' | 'close';
  lanes: string[];
  advisedAt: number;
  message: string;
}

export interface PeakRun {
  name: string;
  /** Inbound lanes open at the start and at the end. */
  lanesAtStart: number;
  lanesAtEnd: number;
  /** Open inbound lanes × hours over the run. */
  laneHours: number;
  changes: LaneChange[];
  arrivals: number;
  balked: number;
  meanWaitSec: number;
  /** The worst quarter's mean wait (arrival → booth) of the trucks that arrived in it. */
  worstQuarterWaitSec: number;
  /** Share of trucks that waited longer than the target. */
  overTarget: number;
  /**
   * The forecast's wait against the quarter's actual mean wait, for runs whose lanes did not
   * change after the start (after a change the forecast made before it no longer applies).
   */
  wait: ErrorTally | null;
}

export interface PeakFigures {
  seed: number;
  start: number;
  targetWaitSec: number;
  adviceAtStart: string;
  runs: PeakRun[];
  seconds: number;
}

interface RunResult {
  forecasts: Forecast[];
  trucks: TruckTruth[];
  /** The first advice to open or close after `followFrom`, when the run was asked to stop at it. */
  advice: Forecast | null;
}

/** One run of the scenario with `changes` made, forecasting a minute into every quarter. */
async function runOnce(
  history: ScratchDatabase,
  layout: SiteLayout,
  site: KpiSite,
  options: {
    seed: number;
    start: number;
    scenario: Scenario;
    changes: readonly LaneChange[];
    targetWaitSec: number;
    stopAtAdviceAfter: number | null;
  },
): Promise<RunResult> {
  const copy = await createScratchDatabase(undefined, history);
  const db: Database = await openDatabase({ url: copy.url });
  try {
    const timeline: Injection[] = [
      ...options.scenario.timeline,
      ...options.changes.flatMap((change) =>
        change.lanes.map((lane): Injection => ({
          at: (change.at - options.start) / 1000,
          action: change.action === 'open' ? 'lane.opening' : 'lane.closure',
          asset: lane,
        })),
      ),
    ];
    const durationMs = (options.scenario.durationSec ?? 3 * 3600) * 1000;
    const feed = feedGate(db, layout, {
      startMs: options.start,
      telemetryIntervalMs: TELEMETRY_MS,
      seed: options.seed,
      scenario: { ...options.scenario, timeline },
    });
    const forecasts: Forecast[] = [];
    for (let at = options.start + ASK_AFTER_MS; at < options.start + durationMs; at += ASK_EVERY_MS) {
      await feed.advanceTo(at);
      const forecast = await gateForecast(db, site, { at, horizonMin: 60, targetWaitSec: options.targetWaitSec });
      forecasts.push(forecast);
      if (options.stopAtAdviceAfter !== null && at > options.stopAtAdviceAfter && forecast.advice.action !== 'hold') {
        return { forecasts, trucks: [], advice: forecast };
      }
    }
    await feed.advanceTo(options.start + durationMs + TRUTH_TAIL_MS);
    return { forecasts, trucks: feed.trucks, advice: null };
  } finally {
    await db.close();
    await copy.drop();
  }
}

const laneNumber = (id: string) => Number(id.replace(/\D+/g, ''));

/** The lanes a supervisor changes on `forecast`'s advice: the lowest-numbered closed ones open, the highest-numbered open ones close. */
function changeFor(forecast: Forecast): LaneChange {
  const { advice } = forecast;
  const byNumber = [...forecast.lanes].sort((a, b) => laneNumber(a.assetId) - laneNumber(b.assetId));
  const lanes =
    advice.action === 'open'
      ? byNumber.filter((lane) => !lane.open).slice(0, advice.lanes)
      : byNumber
          .filter((lane) => lane.open)
          .reverse()
          .slice(0, advice.lanes);
  return {
    at: forecast.at,
    action: advice.action === 'open' ? 'open' : 'close',
    lanes: lanes.map((lane) => lane.assetId),
    advisedAt: forecast.at,
    message: advice.message,
  };
}

function waitErrors(run: RunResult, end: number): ErrorTally {
  const tally = new ErrorTally();
  const buckets = run.forecasts.flatMap((f) => f.site.buckets).filter((b) => b.start < end);
  const actual = actualQuarters(run.trucks, [...new Set(buckets.map((b) => b.start))]);
  for (const bucket of buckets) {
    const quarter = actual.get(bucket.start)!;
    if (quarter.meanWaitSec !== null) tally.add(bucket.expectedWaitSec, quarter.meanWaitSec);
  }
  return tally;
}

function summarise(
  name: string,
  run: RunResult,
  start: number,
  end: number,
  lanesTotal: number,
  changes: readonly LaneChange[],
  target: number,
): PeakRun {
  const closedAtStart = changes.filter((c) => c.at === start && c.action === 'close').flatMap((c) => c.lanes).length;
  let open = lanesTotal - closedAtStart;
  const lanesAtStart = open;
  let laneHours = 0;
  let since = start;
  for (const change of [...changes].filter((c) => c.at > start).sort((a, b) => a.at - b.at)) {
    laneHours += (open * (change.at - since)) / HOUR_MS;
    open += change.action === 'open' ? change.lanes.length : -change.lanes.length;
    since = change.at;
  }
  laneHours += (open * (end - since)) / HOUR_MS;
  const inRun = run.trucks.filter((t) => t.stages.arrived >= start && t.stages.arrived < end);
  const served = inRun.filter((t) => t.stages.gateStart !== undefined);
  const waits = served.map((t) => (t.stages.gateStart! - t.stages.arrived) / 1000);
  const starts = Array.from({ length: (end - start) / QUARTER_MS }, (_, i) => start + i * QUARTER_MS);
  const quarters = [...actualQuarters(run.trucks, starts).values()];
  return {
    name,
    lanesAtStart,
    lanesAtEnd: open,
    laneHours,
    changes: [...changes],
    arrivals: inRun.filter((t) => t.outcome !== 'balked').length,
    balked: inRun.filter((t) => t.outcome === 'balked').length,
    meanWaitSec: waits.reduce((a, b) => a + b, 0) / Math.max(1, waits.length),
    worstQuarterWaitSec: Math.max(0, ...quarters.map((q) => q.meanWaitSec ?? 0)),
    overTarget: waits.filter((w) => w > target).length / Math.max(1, waits.length),
    wait: changes.some((c) => c.at > start) ? null : waitErrors(run, end),
  };
}

/**
 * The morning peak from `start` (a quarter hour, local morning) after HISTORY_DAYS of `seed`:
 * all lanes open, the start's advice only, and the advice followed throughout.
 */
export async function measureMorningPeak(
  layout: SiteLayout,
  site: KpiSite,
  seed: number,
  start: number,
  targetWaitSec: number,
): Promise<PeakFigures> {
  const began = performance.now();
  const scenario = readScenarioFile(scenarioFile('morning-peak'), layout);
  const end = start + (scenario.durationSec ?? 3 * 3600) * 1000;
  const lanesTotal = [...site.laneDirections.values()].filter((d) => d === 'in').length;
  const history = await createScratchDatabase();
  try {
    const db = await openDatabase({ url: history.url });
    const from = start - HISTORY_DAYS * DAY_MS - HISTORY_LEAD_MS;
    const feed = feedGate(db, layout, { startMs: from, telemetryIntervalMs: TELEMETRY_MS, seed });
    for (let t = from + HOUR_MS; t <= start; t += HOUR_MS) await feed.advanceTo(t);
    await db.close();

    const common = { seed, start, scenario, targetWaitSec };
    const allOpen = await runOnce(history, layout, site, { ...common, changes: [], stopAtAdviceAfter: null });
    const first = allOpen.forecasts[0]!;
    // The advice at the start, taken at the start: the lanes the morning begins with.
    const startChanges = first.advice.action === 'hold' ? [] : [{ ...changeFor(first), at: start }];
    const startOnly = await runOnce(history, layout, site, { ...common, changes: startChanges, stopAtAdviceAfter: null });

    const changes: LaneChange[] = [...startChanges];
    let followed: RunResult | null = null;
    for (let runs = 0; runs < MAX_RUNS && !followed; runs++) {
      const lastAdvised = changes.length > 0 ? Math.max(...changes.map((c) => c.advisedAt)) : start;
      const run = await runOnce(history, layout, site, { ...common, changes, stopAtAdviceAfter: lastAdvised });
      if (run.advice) changes.push(changeFor(run.advice));
      else followed = run;
    }
    if (!followed) throw new Error(`bench: the advice was still changing after ${MAX_RUNS} runs`);
    return {
      seed,
      start,
      targetWaitSec,
      adviceAtStart: first.advice.message,
      runs: [
        summarise('every inbound lane open', allOpen, start, end, lanesTotal, [], targetWaitSec),
        summarise("the start's advice, nothing after", startOnly, start, end, lanesTotal, startChanges, targetWaitSec),
        summarise('every piece of advice followed', followed, start, end, lanesTotal, changes, targetWaitSec),
      ],
      seconds: (performance.now() - began) / 1000,
    };
  } finally {
    await history.drop();
  }
}
