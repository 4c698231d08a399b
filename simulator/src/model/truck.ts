// One road truck on site: its plate, what it carries, the tracker it reports through, whether
// customs picked it for inspection, and the stage times of its visit (for the ground truth).
import type { Point } from '@porttwin/contracts';
import type { AssetRef } from './device-outbox';
import type { TruckStages } from './ground-truth';
import { Mover } from './mover';
import type { Scheduler } from './scheduler';

/** Normal driving speed on terminal roads, m/s (about 30 km/h). */
export const ROAD_SPEED = 8;
/** Creeping forward in a queue, m/s. */
export const QUEUE_SPEED = 3;

export class Truck extends Mover {
  /** The tracker this truck carries; null when every tracker is in use. */
  tracker: AssetRef | null = null;
  /** Chosen at the gate (or by a radiation alarm): the truck goes through the scanner. */
  inspect = false;
  /** The stage times so far. */
  readonly stages: TruckStages;
  inLane = '';
  outLane: string | null = null;
  verdict: 'clear' | 'suspect' | null = null;
  inspected = false;

  constructor(
    readonly plate: string,
    public containers: string[],
    scheduler: Scheduler,
    at: Point,
    heading: number,
  ) {
    super(scheduler, at, heading);
    this.stages = { arrived: scheduler.now() };
  }
}
