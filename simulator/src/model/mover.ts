// Something that drives or sails along polylines at constant speed (trucks, vessels). Its
// position is a function of simulated time, not integrated tick by tick, so telemetry can
// sample it at any rate without changing what happens.
import type { Point } from '@porttwin/contracts';
import { distance, pathLength, poseAlong, type PathPose } from '../road-path';
import type { Scheduler, Timer } from './scheduler';

interface Motion {
  points: Point[];
  startMs: number;
  speed: number;
  length: number;
}

export class Mover {
  private motion: Motion;
  private arrival: Timer | null = null;
  private lastHeading: number;

  constructor(
    protected readonly scheduler: Scheduler,
    at: Point,
    heading: number,
  ) {
    this.motion = { points: [at], startMs: scheduler.now(), speed: 0, length: 0 };
    this.lastHeading = heading;
  }

  /** Moves along `points` from where it stands, at `speed` m/s, and calls `then` on arrival. */
  drive(points: readonly Point[], speed: number, then?: () => void): void {
    const here = this.pose();
    this.lastHeading = here.heading;
    const path = [{ x: here.x, y: here.y }, ...points.filter((p, i) => i > 0 || distance(p, here) > 0.01)];
    const length = pathLength(path);
    this.arrival?.cancel();
    this.motion = { points: path, startMs: this.scheduler.now(), speed, length };
    const durationMs = speed > 0 ? (length / speed) * 1000 : 0;
    this.arrival = this.scheduler.after(durationMs, () => {
      this.arrival = null;
      then?.();
    });
  }

  /** Where it is and which way it faces now. */
  pose(): PathPose {
    const { points, startMs, speed, length } = this.motion;
    const along = Math.min(length, ((this.scheduler.now() - startMs) / 1000) * speed);
    return poseAlong(points, along, this.lastHeading);
  }

  /** Current speed, m/s (zero once it has reached the end of its path). */
  speed(): number {
    const { startMs, speed, length } = this.motion;
    return ((this.scheduler.now() - startMs) / 1000) * speed < length ? speed : 0;
  }

  /** Cancels the pending arrival (it is leaving the model). */
  park(): void {
    this.arrival?.cancel();
    this.arrival = null;
  }
}
