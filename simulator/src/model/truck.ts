// One road truck on site: its plate, what it carries, the tracker it reports through, and
// whether customs picked it for inspection.
import type { Point } from '@porttwin/contracts';
import type { AssetRef } from './device-outbox';
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

  constructor(
    readonly plate: string,
    public containers: string[],
    scheduler: Scheduler,
    at: Point,
    heading: number,
  ) {
    super(scheduler, at, heading);
  }
}
