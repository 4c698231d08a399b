// The next hour at the inbound gate (GET /api/forecast): arrivals per quarter hour learned from
// the same quarter hours of the days before (the day's profile), scaled by how the last hour
// ran against those days' same hour (the recent level); queue and wait from the queueing model
// with the lanes open now; and the fewest lanes that keep the wait under target.
import { type Forecast, FORECAST_BUCKET_MINUTES, type ForecastBucket, type LaneAdvice } from '@porttwin/contracts';
import { inboundArrivals, latestGateReports, type Queryable, stageDwells } from '@porttwin/db';
import type { KpiSite } from '../kpis/kpi-summary';
import { queueByBucket } from './erlang-c';

const BUCKET_MS = FORECAST_BUCKET_MINUTES * 60_000;
const BUCKET_SEC = BUCKET_MS / 1000;
const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
/** Days of profile looked back over. */
export const PROFILE_DAYS = 7;
/** The recent level may scale the profile at most this far (one odd hour is not a new day; a surge of 2.5×, as morning-peak has, still shows). */
const LEVEL_LIMITS = [0.5, 3] as const;
/** A booth's service time when a lane has served nobody lately. */
export const DEFAULT_SERVICE_SEC = 60;

interface ForecastInputs {
  at: number;
  horizonMin: number;
  targetWaitSec: number;
}

const sum = (values: Iterable<number>) => [...values].reduce((total, value) => total + value, 0);

/** Arrivals over a recent window, and the profile days' mean over the same window of their day. */
export interface LevelWindow {
  recent: number;
  profile: number;
}

/** How far beyond chance (in standard deviations) a short window must depart to speak for the level. */
export const LEVEL_SIGNIFICANCE = 3;

/** A window's count against its profile, shrunk towards 1 by what chance explains, with how sure the departure is (z). */
function shrunkLevel({ recent, profile }: LevelWindow, days: number): { level: number; z: number } {
  const departure = recent / profile - 1;
  const strayVariance = (1 + 1 / days) / profile;
  const kept = departure === 0 ? 0 : Math.max(0, 1 - strayVariance / departure ** 2);
  return { level: 1 + kept * departure, z: Math.abs(departure) / Math.sqrt(strayVariance) };
}

/**
 * How the recent past ran against the profile, from `windows` ordered shortest first (the
 * last quarter hour, then the last hour). Arrivals are counts: with no change at all, a
 * window's count against the mean of `days` such counts strays by a relative variance of
 * about (1 + 1/days) / profile (≈ 7 % sd for a 240-truck hour, 14 % for its quarter).
 * Measured on the simulator (docs/forecast.md, "Measured error"):
 * - taking that stray for a level made the forecast worse than the profile alone, so a
 *   window's departure from 1 is kept only in the share that exceeds the stray
 *   (positive-part James–Stein): a 2.5× surge is kept whole, a 5 % wobble is dropped;
 * - the last hour alone saw a surge too late for lanes to open in time, so the shortest
 *   window whose departure is beyond LEVEL_SIGNIFICANCE standard deviations speaks first,
 *   and the longest one otherwise.
 */
export function recentLevel(windows: readonly LevelWindow[], days: number): number {
  const usable = windows.filter((window) => window.profile > 0);
  if (usable.length === 0) return 1;
  const shrunk = usable.map((window) => shrunkLevel(window, days));
  const chosen = shrunk.find((window) => window.z > LEVEL_SIGNIFICANCE) ?? shrunk[shrunk.length - 1]!;
  return Math.min(LEVEL_LIMITS[1], Math.max(LEVEL_LIMITS[0], chosen.level));
}

/** The recent windows the level is read from, shortest first. */
const LEVEL_WINDOWS_MS = [BUCKET_MS, HOUR_MS];

/** Expected site-wide inbound arrivals per bucket starting at `starts`, and per lane shares. */
async function expectedArrivals(db: Queryable, at: number, starts: readonly number[]) {
  const recent = await inboundArrivals(db, at - HOUR_MS, at);
  const recentTotal = sum(recent.values());
  const recentWindows = await Promise.all(LEVEL_WINDOWS_MS.map(async (ms) => sum((await inboundArrivals(db, at - ms, at)).values())));
  const days = await Promise.all(
    Array.from({ length: PROFILE_DAYS }, async (_, i) => {
      const back = (i + 1) * DAY_MS;
      const [windows, ahead] = await Promise.all([
        Promise.all(LEVEL_WINDOWS_MS.map((ms) => inboundArrivals(db, at - ms - back, at - back))),
        Promise.all(starts.map((start) => inboundArrivals(db, start - back, start + BUCKET_MS - back))),
      ]);
      return { windows: windows.map((lanes) => sum(lanes.values())), ahead: ahead.map((lanes) => sum(lanes.values())), aheadByLane: ahead };
    }),
  );
  // Days the gate worked in those hours at all (a day before the site's data began is not a quiet day).
  const worked = days.filter((day) => sum(day.windows) + sum(day.ahead) > 0);
  let site: number[];
  if (worked.length === 0) {
    site = starts.map(() => recentTotal / (HOUR_MS / BUCKET_MS));
  } else {
    const profile = starts.map((_, b) => sum(worked.map((day) => day.ahead[b]!)) / worked.length);
    const windows = recentWindows.map((count, w) => ({
      recent: count,
      profile: sum(worked.map((day) => day.windows[w]!)) / worked.length,
    }));
    const level = recentLevel(windows, worked.length);
    site = profile.map((expected) => expected * level);
  }
  // Each lane's arrivals over the last hour and the profile days' quarters ahead: eight times the
  // last hour's trucks to share by, in the same hours of the day (whose load decides which lanes
  // drivers pick). The last hour alone left a quiet lane's share to a handful of trucks.
  const laneCounts = new Map(recent);
  for (const day of worked)
    for (const lanes of day.aheadByLane) for (const [id, n] of lanes) laneCounts.set(id, (laneCounts.get(id) ?? 0) + n);
  return { site, recentTotal, laneCounts };
}

/** The wait the advice keeps under when the targets file sets no gateWaitSec. */
export const DEFAULT_TARGET_WAIT_SEC = 600;

/** The forecast at `at` against the site's own gate-wait target: what the route answers and the console is pushed. */
export function siteGateForecast(db: Queryable, site: KpiSite, at: number, horizonMin: number): Promise<Forecast> {
  return gateForecast(db, site, { at, horizonMin, targetWaitSec: site.targets.targets.gateWaitSec?.target ?? DEFAULT_TARGET_WAIT_SEC });
}

/** The forecast at `at` for the next horizonMin minutes, in whole quarter hours from the next one. */
export async function gateForecast(db: Queryable, site: KpiSite, inputs: ForecastInputs): Promise<Forecast> {
  const { at, targetWaitSec } = inputs;
  const first = Math.ceil(at / BUCKET_MS) * BUCKET_MS;
  const starts = Array.from({ length: Math.ceil(inputs.horizonMin / FORECAST_BUCKET_MINUTES) }, (_, i) => first + i * BUCKET_MS);
  const inLanes = [...site.laneDirections].filter(([, direction]) => direction === 'in').map(([id]) => id);
  const [arrivals, reports, dwells] = await Promise.all([
    expectedArrivals(db, at, starts),
    latestGateReports(db),
    stageDwells(db, at - HOUR_MS, at),
  ]);
  const report = new Map(reports.map((r) => [r.assetId, r]));
  const booth = new Map(dwells.filter((d) => d.stage === 'booth').map((d) => [d.assetId ?? '', d.meanSec]));
  const siteServiceSec = booth.get('') ?? DEFAULT_SERVICE_SEC;
  // A lane that has not said it is open adds no capacity: advice errs towards opening.
  const isOpen = (id: string) => (report.get(id)?.laneOpen ?? 0) !== 0;
  const open = inLanes.filter(isOpen);

  // A lane's share of the site's arrivals: of the open lanes' counts, its own (a closed lane takes
  // no new trucks); an equal part of the open lanes when they have none.
  const openCounts = sum(open.map((id) => arrivals.laneCounts.get(id) ?? 0));
  const share = (id: string) => (!isOpen(id) ? 0 : openCounts > 0 ? (arrivals.laneCounts.get(id) ?? 0) / openCounts : 1 / open.length);
  const withQueue = (loads: number[], lanes: number, serviceSec: number, queueNow: number): ForecastBucket[] =>
    queueByBucket(
      loads.map((expected) => ({ arrivals: expected })),
      lanes,
      serviceSec,
      BUCKET_SEC,
      queueNow,
    ).map((queue, i) => ({ start: starts[i]!, arrivals: loads[i]!, ...queue, expectedWaitSec: finite(queue.expectedWaitSec) }));

  const queueNow = sum(inLanes.map((id) => report.get(id)?.queueLength ?? 0));
  const siteBuckets = (lanes: number) => withQueue(arrivals.site, lanes, siteServiceSec, queueNow);
  const lanes = inLanes.map((id) => {
    const serviceSec = booth.get(id) ?? siteServiceSec;
    return {
      assetId: id,
      open: isOpen(id),
      serviceRatePerHour: 3600 / serviceSec,
      buckets: withQueue(
        arrivals.site.map((expected) => expected * share(id)),
        isOpen(id) ? 1 : 0,
        serviceSec,
        report.get(id)?.queueLength ?? 0,
      ),
    };
  });
  return {
    at,
    horizonMin: starts.length * FORECAST_BUCKET_MINUTES,
    bucketMinutes: FORECAST_BUCKET_MINUTES,
    targetWaitSec,
    site: { lanesOpen: open.length, lanesTotal: inLanes.length, buckets: siteBuckets(open.length) },
    lanes,
    advice: advise(siteBuckets, open.length, inLanes.length, targetWaitSec, site.utcOffsetMs),
  };
}

// JSON has no Infinity: a bank of no open lanes waits "for ever", written as a day.
const finite = (sec: number) => (Number.isFinite(sec) ? sec : DAY_MS / 1000);
const worst = (buckets: readonly ForecastBucket[]) => Math.max(0, ...buckets.map((bucket) => bucket.expectedWaitSec));

/**
 * The fewest lanes whose worst quarter keeps the wait under target: open more, by the start of
 * the first quarter that would break it with the lanes open now; close some only where half
 * the target still holds with fewer (so advice does not flap around the line).
 */
export function advise(
  bucketsWith: (lanes: number) => ForecastBucket[],
  open: number,
  total: number,
  targetWaitSec: number,
  utcOffsetMs: number,
): LaneAdvice {
  const minutes = Math.round(targetWaitSec / 60);
  const now = bucketsWith(open);
  if (worst(now) > targetWaitSec) {
    let lanes = open;
    while (lanes < total && worst(bucketsWith(lanes)) > targetWaitSec) lanes++;
    const extra = lanes - open;
    const by = now.find((bucket) => bucket.expectedWaitSec > targetWaitSec)!.start;
    const waitSec = worst(bucketsWith(lanes));
    if (extra === 0) {
      return {
        action: 'hold',
        lanes: 0,
        by: null,
        expectedWaitSec: waitSec,
        message: `every inbound lane is open; the wait may reach ${Math.round(waitSec / 60)} min`,
      };
    }
    const tail =
      waitSec <= targetWaitSec ? `to keep the wait under ${minutes} min` : `(the wait may still reach ${Math.round(waitSec / 60)} min)`;
    return {
      action: 'open',
      lanes: extra,
      by,
      expectedWaitSec: waitSec,
      message: `open ${extra} more inbound lane${extra === 1 ? '' : 's'} by ${localClock(by, utcOffsetMs)} ${tail}`,
    };
  }
  let lanes = open;
  while (lanes > 1 && worst(bucketsWith(lanes - 1)) <= targetWaitSec / 2) lanes--;
  if (lanes < open) {
    const waitSec = worst(bucketsWith(lanes));
    return {
      action: 'close',
      lanes: open - lanes,
      by: now[0]?.start ?? null,
      expectedWaitSec: waitSec,
      message: `${open - lanes} inbound lane${open - lanes === 1 ? '' : 's'} can close; the wait stays under ${Math.max(1, Math.round(waitSec / 60))} min`,
    };
  }
  return { action: 'hold', lanes: 0, by: null, expectedWaitSec: worst(now), message: `the open lanes keep the wait under ${minutes} min` };
}

function localClock(epochMs: number, utcOffsetMs: number): string {
  const d = new Date(epochMs + utcOffsetMs);
  return `${String(d.getUTCHours()).padStart(2, '0')}:${String(d.getUTCMinutes()).padStart(2, '0')}`;
}
