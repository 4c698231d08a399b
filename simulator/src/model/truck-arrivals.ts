// When trucks reach the gate: a Poisson stream whose rate follows the hour of the day (the
// flow's hourly profile, in the site's local time) times any surge a scenario injects.
import type { Flow } from '../config/flow-config';
import type { Random } from '../random';
import type { Scheduler, Timer } from './scheduler';

const HOUR_MS = 3_600_000;

export class TruckArrivals {
  private readonly factors: number[];
  private readonly offsetMs: number;
  private surge = 1;
  private pending: Timer | null = null;

  constructor(
    private readonly scheduler: Scheduler,
    private readonly random: Random,
    private readonly flow: Flow['trucks'],
    anchorLon: number,
    private readonly onArrival: () => void,
  ) {
    // Normalised so the configured rate is the mean over the day.
    const mean = flow.hourlyProfile.reduce((sum, v) => sum + v, 0) / flow.hourlyProfile.length;
    this.factors = flow.hourlyProfile.map((v) => (mean > 0 ? v / mean : 0));
    this.offsetMs = (flow.utcOffsetHours ?? Math.round(anchorLon / 15)) * HOUR_MS;
  }

  /** Arrivals per hour at simulated time `ms`. */
  rateAt(ms: number): number {
    const localHour = Math.floor(((((ms + this.offsetMs) % (24 * HOUR_MS)) + 24 * HOUR_MS) % (24 * HOUR_MS)) / HOUR_MS);
    return this.flow.arrivalsPerHour * (this.factors[localHour] ?? 1) * this.surge;
  }

  start(): void {
    this.scheduleNext();
  }

  /** Multiplies the rate from now on (a scenario's surge); 1 restores it. */
  setSurge(factor: number): void {
    this.surge = factor;
    // Poisson arrivals are memoryless, so redrawing the next one from now is exact.
    this.pending?.cancel();
    this.scheduleNext();
  }

  // Inverts the integrated rate, which is constant within each hour: walk hour by hour until
  // the unit-exponential draw is used up.
  private scheduleNext(): void {
    let budget = this.random.exponential(1);
    let t = this.scheduler.now();
    for (let hours = 0; hours < 24 * 7; hours++) {
      const perMs = this.rateAt(t) / HOUR_MS;
      const boundary = (Math.floor((t + this.offsetMs) / HOUR_MS) + 1) * HOUR_MS - this.offsetMs;
      if (perMs > 0 && t + budget / perMs <= boundary) {
        this.pending = this.scheduler.at(t + budget / perMs, () => {
          this.onArrival();
          this.scheduleNext();
        });
        return;
      }
      budget -= perMs * (boundary - t);
      t = boundary;
    }
    // A week at rate zero: no arrivals are configured.
    this.pending = null;
  }
}
