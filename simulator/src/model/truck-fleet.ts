// The trucks on site and the trackers they report through. A fixed pool of tracker ids is
// handed out as trucks arrive and taken back when they leave, so the broker keeps one retained
// status per tracker rather than one per truck that ever visited.
import type { Point } from '@porttwin/contracts';
import { uniquePlate } from '../plates';
import type { Random } from '../random';
import { type ModelContext, type TelemetrySource, round, startTelemetry } from './context';
import type { AssetRef, Metrics } from './device-outbox';
import type { Timer } from './scheduler';
import { Truck } from './truck';

class TrackedTruck implements TelemetrySource {
  constructor(
    readonly ref: AssetRef,
    readonly truck: Truck,
  ) {}

  metrics(): Metrics {
    const pose = this.truck.pose();
    // The plate rides along as a text metric so a console can label the tracker.
    return {
      x: round(pose.x, 1),
      y: round(pose.y, 1),
      speed: round(this.truck.speed(), 2),
      heading: round(pose.heading, 1),
      plate: this.truck.plate,
    };
  }
}

export class TruckFleet {
  private readonly trucks = new Set<Truck>();
  private readonly plates = new Set<string>();
  // First in, first out: a tracker rests a while before it is reused, so a console does not
  // see one tracker jump from the exit to the gate in the same second.
  private readonly freeTrackers: string[] = [];
  private readonly telemetry = new Map<Truck, Timer>();
  private untracked = 0;

  constructor(
    private readonly context: ModelContext,
    private readonly random: Random,
    maxTracked: number,
  ) {
    const width = String(maxTracked).length < 3 ? 3 : String(maxTracked).length;
    for (let i = 1; i <= maxTracked; i++) this.freeTrackers.push(`TRK-${String(i).padStart(width, '0')}`);
  }

  /** Trucks on site now. */
  get size(): number {
    return this.trucks.size;
  }

  /** Trucks that arrived when every tracker was in use (they run, but do not report). */
  get untrackedArrivals(): number {
    return this.untracked;
  }

  /** A new truck at `at` with a fresh plate; it gets a tracker if one is free. */
  arrive(containers: string[], at: Point, heading: number): Truck {
    const plate = uniquePlate(this.random, this.plates);
    const truck = new Truck(plate, containers, this.context.scheduler, at, heading);
    this.trucks.add(truck);
    this.plates.add(plate);
    const trackerId = this.freeTrackers.shift();
    if (trackerId) {
      truck.tracker = { kind: 'truck', id: trackerId };
      this.context.outbox.status(truck.tracker, 'online');
      this.telemetry.set(truck, startTelemetry(this.context, new TrackedTruck(truck.tracker, truck)));
    } else {
      this.untracked++;
    }
    return truck;
  }

  /** The truck has left the site: its tracker reports offline and goes back to the pool. */
  depart(truck: Truck): void {
    truck.park();
    this.trucks.delete(truck);
    this.plates.delete(truck.plate);
    this.telemetry.get(truck)?.cancel();
    this.telemetry.delete(truck);
    if (truck.tracker) {
      this.context.outbox.status(truck.tracker, 'offline', 'truck left the site');
      this.freeTrackers.push(truck.tracker.id);
      truck.tracker = null;
    }
  }

  /** Trackers currently reporting (for the shutdown statuses). */
  liveTrackers(): AssetRef[] {
    return [...this.trucks].flatMap((truck) => (truck.tracker ? [truck.tracker] : []));
  }
}
