// The gate forecast's error on a normal day: a week of the default site's history, then a day
// on which the forecast is asked at every quarter hour with only what was stored up to then
// (the model has not yet run past that instant), and each of its four quarters compared with
// the ground truth once the day is over.
import type { Forecast, SiteLayout } from '@porttwin/contracts';
import { openDatabase } from '@porttwin/db';
import { createScratchDatabase } from '@porttwin/db/testing';
import { gateForecast, type KpiSite } from '@porttwin/server';
import type { Flow } from '@porttwin/simulator';
import { feedGate } from './forecast-feed';
import { actualQuarters, ErrorTally, QUARTER_MS } from './forecast-truth';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
export const HISTORY_DAYS = 7;
/**
 * History begins this long before the first profile day, so that day's last hour before each
 * forecast holds traffic too (a model's first hours would read as a quiet hour, and the opening
 * trucks on its roads as a busy one).
 */
export const HISTORY_LEAD_MS = 2 * 3_600_000;
/** Telemetry period of every device: gate reports at most this stale, and a week stays small. */
export const TELEMETRY_MS = 30_000;
/** The model runs on past the day so trucks that arrived late have left and are in the truth. */
const TRUTH_TAIL_MS = 3 * HOUR_MS;

/** Percentages only over quarters with at least this many arrivals (the site's quietest quarter averages 21). */
export const SITE_MIN_ARRIVALS = 10;
/** A lane's quarter averages 5 trucks at mid-day: fewer and one truck is 20 % or more. */
export const LANE_MIN_ARRIVALS = 5;

export interface DayErrors {
  seed: number;
  day: string;
  forecasts: number;
  site: ErrorTally;
  /** The site's arrivals by how far ahead the quarter began: 0, 15, 30, 45 min. */
  byLead: ErrorTally[];
  lanes: Map<string, ErrorTally>;
  /** What a forecaster that knew the model's true rate would score: the floor Poisson noise sets. */
  oracle: ErrorTally;
  /** The site's expected wait against the mean wait (arrival → booth) of the trucks that arrived in the quarter. */
  wait: ErrorTally;
  seconds: number;
}

/** Arrivals per hour the model draws from at `ms` (truck-arrivals.ts: the profile, normalised, in local hours). */
function trueRate(flow: Flow, layout: SiteLayout, ms: number): number {
  const { hourlyProfile, arrivalsPerHour, utcOffsetHours } = flow.trucks;
  const mean = hourlyProfile.reduce((a, b) => a + b, 0) / hourlyProfile.length;
  const offsetMs = (utcOffsetHours ?? Math.round(layout.anchor.lon / 15)) * HOUR_MS;
  const hour = Math.floor(((((ms + offsetMs) % DAY_MS) + DAY_MS) % DAY_MS) / HOUR_MS);
  return (arrivalsPerHour * hourlyProfile[hour]!) / mean;
}

/**
 * Runs HISTORY_DAYS of `seed` up to `dayStart`, then forecasts that day every quarter hour
 * and tallies the errors.
 */
export async function measureDay(
  layout: SiteLayout,
  site: KpiSite,
  seed: number,
  dayStart: number,
  targetWaitSec: number,
): Promise<DayErrors> {
  const started = performance.now();
  const scratch = await createScratchDatabase();
  const db = await openDatabase({ url: scratch.url });
  try {
    const from = dayStart - HISTORY_DAYS * DAY_MS - HISTORY_LEAD_MS;
    const feed = feedGate(db, layout, { startMs: from, telemetryIntervalMs: TELEMETRY_MS, seed });
    for (let t = from + HOUR_MS; t <= dayStart; t += HOUR_MS) await feed.advanceTo(t);
    const forecasts: Forecast[] = [];
    for (let at = dayStart; at < dayStart + DAY_MS; at += QUARTER_MS) {
      await feed.advanceTo(at);
      forecasts.push(await gateForecast(db, site, { at, horizonMin: 60, targetWaitSec }));
    }
    await feed.advanceTo(dayStart + DAY_MS + TRUTH_TAIL_MS);
    const starts = [...new Set(forecasts.flatMap((f) => f.site.buckets.map((b) => b.start)))];
    const actual = actualQuarters(feed.trucks, starts);
    const errors: DayErrors = {
      seed,
      day: new Date(dayStart + site.utcOffsetMs).toISOString().slice(0, 10),
      forecasts: forecasts.length,
      site: new ErrorTally(),
      byLead: [0, 1, 2, 3].map(() => new ErrorTally()),
      lanes: new Map(),
      wait: new ErrorTally(),
      oracle: new ErrorTally(),
      seconds: 0,
    };
    for (const forecast of forecasts) {
      forecast.site.buckets.forEach((bucket, lead) => {
        const quarter = actual.get(bucket.start)!;
        errors.site.add(bucket.arrivals, quarter.arrivals);
        errors.byLead[lead]?.add(bucket.arrivals, quarter.arrivals);
        if (lead === 0) errors.oracle.add(trueRate(feed.model.flow, layout, bucket.start) / 4, quarter.arrivals);
        if (quarter.meanWaitSec !== null) errors.wait.add(bucket.expectedWaitSec, quarter.meanWaitSec);
      });
      for (const lane of forecast.lanes) {
        const tally = errors.lanes.get(lane.assetId) ?? new ErrorTally();
        errors.lanes.set(lane.assetId, tally);
        for (const bucket of lane.buckets) tally.add(bucket.arrivals, actual.get(bucket.start)!.laneArrivals.get(lane.assetId) ?? 0);
      }
    }
    errors.seconds = (performance.now() - started) / 1000;
    return errors;
  } finally {
    await db.close();
    await scratch.drop();
  }
}
