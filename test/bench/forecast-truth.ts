// What really happened at the inbound gate per quarter hour, from the model's ground truth, and
// how far a forecast's figures were from it: MAPE over quarters busy enough for a percentage to
// mean something, WAPE over all of them, and the mean absolute error in seconds for waits.
import type { TruckTruth } from './forecast-feed';

export const QUARTER_MS = 15 * 60_000;

/** A quarter hour as it happened: arrivals per lane and the mean wait of the trucks that arrived in it. */
export interface ActualQuarter {
  start: number;
  arrivals: number;
  laneArrivals: Map<string, number>;
  /** Mean of gate start − arrival (the queue, the portal and the roll to the booth), s; null if nobody arrived. */
  meanWaitSec: number | null;
}

/**
 * The quarters starting at `starts` as the truth has them. A truck that balked never joined a lane
 * (its plate reader sent no truck.arrived) and is not an arrival here either; a truck still on
 * site has no record yet, so the truth must run past the last quarter by longer than any visit.
 */
export function actualQuarters(trucks: readonly TruckTruth[], starts: readonly number[]): Map<number, ActualQuarter> {
  const quarters = new Map<number, ActualQuarter & { waitSum: number; waited: number }>(
    starts.map((start) => [start, { start, arrivals: 0, laneArrivals: new Map(), meanWaitSec: null, waitSum: 0, waited: 0 }]),
  );
  for (const truck of trucks) {
    if (truck.outcome === 'balked') continue;
    const quarter = quarters.get(Math.floor(truck.stages.arrived / QUARTER_MS) * QUARTER_MS);
    if (!quarter) continue;
    quarter.arrivals += 1;
    quarter.laneArrivals.set(truck.inLane, (quarter.laneArrivals.get(truck.inLane) ?? 0) + 1);
    if (truck.stages.gateStart !== undefined) {
      quarter.waitSum += (truck.stages.gateStart - truck.stages.arrived) / 1000;
      quarter.waited += 1;
    }
  }
  return new Map(
    [...quarters].map(([start, q]) => [
      start,
      { start, arrivals: q.arrivals, laneArrivals: q.laneArrivals, meanWaitSec: q.waited > 0 ? q.waitSum / q.waited : null },
    ]),
  );
}

/** Forecast against actual, pair by pair, for one series (the site's arrivals, a lane's, the wait). */
export class ErrorTally {
  private readonly pairs: { forecast: number; actual: number }[] = [];

  add(forecast: number, actual: number): void {
    this.pairs.push({ forecast, actual });
  }

  get count(): number {
    return this.pairs.length;
  }

  /** Mean absolute percentage error over the pairs whose actual is at least `minActual`, and how many those were. */
  mape(minActual: number): { value: number | null; count: number } {
    const kept = this.pairs.filter((p) => p.actual >= minActual && p.actual > 0);
    if (kept.length === 0) return { value: null, count: 0 };
    return { value: kept.reduce((s, p) => s + Math.abs(p.forecast - p.actual) / p.actual, 0) / kept.length, count: kept.length };
  }

  /** Weighted absolute percentage error: Σ|forecast − actual| / Σ actual, over every pair. */
  wape(): number | null {
    const actual = this.pairs.reduce((s, p) => s + p.actual, 0);
    return actual > 0 ? this.pairs.reduce((s, p) => s + Math.abs(p.forecast - p.actual), 0) / actual : null;
  }

  /** Mean absolute error, in the series' own unit. */
  mae(): number | null {
    return this.pairs.length > 0 ? this.pairs.reduce((s, p) => s + Math.abs(p.forecast - p.actual), 0) / this.pairs.length : null;
  }

  /** Mean of forecast − actual: above 0 the forecast runs high. */
  bias(): number | null {
    return this.pairs.length > 0 ? this.pairs.reduce((s, p) => s + p.forecast - p.actual, 0) / this.pairs.length : null;
  }

  /** Both tallies' pairs in one. */
  static merge(tallies: readonly ErrorTally[]): ErrorTally {
    const merged = new ErrorTally();
    for (const tally of tallies) for (const p of tally.pairs) merged.add(p.forecast, p.actual);
    return merged;
  }
}
