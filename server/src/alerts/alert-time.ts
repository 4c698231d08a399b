// Two clocks for "how long has it held": the injectable wall clock, and the data's own clock
// (the newest device time seen). Whichever has moved further counts, so a live port is judged
// by the wall clock and recorded traffic replayed fast (the simulator at full speed) by its own.

export class AlertTime {
  private dataNow = Number.NEGATIVE_INFINITY;

  constructor(private readonly clock: () => number) {}

  /** The wall clock, epoch ms. */
  now(): number {
    return this.clock();
  }

  /** Moves the data clock forward to a device time seen. */
  saw(ts: number): void {
    if (ts > this.dataNow) this.dataNow = ts;
  }

  /** How long since something began at device time `ts` and was seen by the wall clock at `seenAt`. */
  elapsedMs(ts: number, seenAt: number): number {
    return Math.max(this.dataNow - ts, this.clock() - seenAt);
  }
}
