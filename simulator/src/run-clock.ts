// How simulated time is held to the wall clock: real time (1×), accelerated (up to 100×) or as
// fast as the broker takes it. Simulated time never runs ahead of the wall clock, because the
// edge rejects timestamps more than 5 minutes in the future: faster runs start in the past.
import type { PortModel } from './model/port-model';

export type Speed = number | 'max';

/** Highest accelerated speed; beyond it use 'max'. */
export const MAX_SPEED = 100;
/** A faster-than-real-time run without a duration replays this much of the past, then goes on at 1×. */
export const DEFAULT_BACKFILL_MS = 3_600_000;

/**
 * Where simulated time starts: now for a real-time run; for a faster one, far enough back
 * that the whole run (durationSec, or the default backfill) ends at or before the wall clock.
 */
export function defaultStartMs(wallNow: number, speed: Speed, durationSec: number | undefined): number {
  if (speed === 1) return wallNow;
  return wallNow - (durationSec !== undefined ? durationSec * 1000 : DEFAULT_BACKFILL_MS);
}

/**
 * Checks a fixed start (epoch ms); throws naming the value. A start after the wall clock is
 * refused rather than waited for: simulated time never passes the wall clock.
 */
export function checkStartMs(startMs: number, wallNow: number): void {
  if (!Number.isFinite(startMs)) throw new Error(`simulator: startMs must be epoch milliseconds, got ${startMs}`);
  if (startMs > wallNow) {
    throw new Error(
      `simulator: startMs ${new Date(startMs).toISOString()} is after the wall clock (${new Date(wallNow).toISOString()}); simulated time never passes it`,
    );
  }
}

/** Checks a speed option; throws naming the value. */
export function checkSpeed(speed: Speed): void {
  if (speed === 'max') return;
  if (!(speed >= 1 && speed <= MAX_SPEED)) throw new Error(`simulator: speed must be between 1 and ${MAX_SPEED} or "max", got ${speed}`);
}

export interface ClockOptions {
  model: PortModel;
  speed: Speed;
  startMs: number;
  /** Simulated ms at which the run is over (Infinity: until stopped). */
  endMs: number;
  /** Messages waiting for the broker; an as-fast-as-possible run pauses while it is high. */
  backlog: () => number;
  /** Resolves when the broker has caught up. */
  drained: () => Promise<void>;
  onEnd: () => void;
  onError: (error: Error) => void;
}

// How often a paced run catches the model up. Events carry their own simulated time, so this
// bounds how late a message leaves, not when it says it happened.
const TICK_MS = 100;
// An as-fast-as-possible run advances in slices of simulated time and yields between them.
const SLICE_MS = 5_000;
const HIGH_WATER = 2_000;

/** Drives the model; returns a function that stops the clock. */
export function runClock(options: ClockOptions): () => void {
  const { model, speed, startMs, endMs } = options;
  const wallStart = Date.now();
  let stopped = false;
  let timer: NodeJS.Timeout | null = null;
  // Never past the wall clock, never past the end.
  const limit = (target: number): number => Math.min(target, Date.now(), endMs);
  const step = (target: number): boolean => {
    try {
      model.advanceTo(limit(target));
    } catch (error) {
      stopped = true;
      options.onError(error as Error);
      return false;
    }
    if (model.now() >= endMs) {
      stopped = true;
      options.onEnd();
      return false;
    }
    return true;
  };
  if (speed === 'max') {
    const loop = async (): Promise<void> => {
      while (!stopped) {
        if (options.backlog() > HIGH_WATER) await options.drained();
        if (stopped || !step(model.now() + SLICE_MS)) return;
        // Caught up with the wall clock: carry on in real time.
        if (model.now() >= Date.now() - SLICE_MS) return paced(1, Date.now(), model.now());
        await new Promise((resolve) => setImmediate(resolve));
      }
    };
    void loop();
  } else {
    paced(speed, wallStart, startMs);
  }
  function paced(rate: number, fromWall: number, fromSim: number): void {
    timer = setInterval(() => {
      if (stopped || !step(fromSim + (Date.now() - fromWall) * rate)) clearInterval(timer ?? undefined);
    }, TICK_MS);
  }
  return () => {
    stopped = true;
    if (timer) clearInterval(timer);
  };
}
