// Wind over the quay: one slowly gusting site wind that every crane's anemometer reads with a
// little local noise. It wanders (mean-reverting) so wind alerts have something to watch.
import type { Random } from '../random';

const MEAN_WIND = 7;

export class Weather {
  private wind = MEAN_WIND;
  private lastMs: number;

  constructor(
    private readonly noise: Random,
    startMs: number,
  ) {
    this.lastMs = startMs;
  }

  /** Site wind speed at `nowMs`, m/s. */
  windAt(nowMs: number): number {
    const dtSec = Math.max(0, (nowMs - this.lastMs) / 1000);
    if (dtSec > 0) {
      // Ornstein–Uhlenbeck: drifts back to the mean over a few minutes, gusts on top.
      const theta = 1 / 300;
      this.wind += theta * (MEAN_WIND - this.wind) * dtSec + this.noise.normal(0, 0.12 * Math.sqrt(dtSec));
      this.wind = Math.min(25, Math.max(0.5, this.wind));
      this.lastMs = nowMs;
    }
    return this.wind;
  }
}
