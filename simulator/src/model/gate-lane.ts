// One gate lane (plate reader + barrier): trucks queue in front of the booth, are processed
// one at a time, and are admitted or turned away. Inbound lanes admit trucks into the port;
// outbound lanes let them leave.
import type { FixedAsset, Point } from '@porttwin/contracts';
import type { Random } from '../random';
import { offsetAlong } from '../road-path';
import { type ModelContext, type TelemetrySource, round } from './context';
import type { AssetRef, Metrics } from './device-outbox';
import { QUEUE_SPEED, type Truck } from './truck';

/** Spacing of trucks standing in a queue, metres (a tractor with a 40 ft trailer plus a gap). */
export const QUEUE_SPACING = 20;

// Why an inbound truck is turned back; weights roughly follow what border gates report.
const REJECT_REASONS: readonly (readonly [string, number])[] = [
  ['no pre-arrival declaration', 35],
  ['container number mismatch', 25],
  ['customs hold', 20],
  ['overweight', 12],
  ['seal missing or broken', 8],
];
const REJECT_SHARE = 0.03;

export type LaneOutcome = { admitted: true } | { admitted: false; reason: string };

export interface GateLaneHooks {
  /** The truck rolls into the booth (inbound trucks have just passed the radiation portal). */
  onEnterBooth?: (truck: Truck) => void;
  /** Processing is over; the lane no longer holds the truck. */
  onDone: (truck: Truck, outcome: LaneOutcome) => void;
}

export class GateLane implements TelemetrySource {
  readonly ref: AssetRef;
  readonly direction: 'in' | 'out';
  private readonly queue: Truck[] = [];
  private serving: Truck | null = null;
  private readonly random: Random;
  private readonly heading: number;

  constructor(
    readonly asset: FixedAsset,
    private readonly context: ModelContext,
    private readonly hooks: GateLaneHooks,
  ) {
    this.ref = { kind: 'gate', id: asset.id };
    this.direction = asset.direction ?? 'in';
    this.heading = asset.heading ?? (this.direction === 'in' ? 180 : 0);
    this.random = context.random.fork(asset.id);
  }

  /** The booth, where a truck stands while it is processed. */
  get position(): Point {
    return this.asset.position;
  }

  /** Trucks waiting, not counting the one in the booth. */
  get queueLength(): number {
    return this.queue.length;
  }

  /** Waiting plus in the booth: what a driver choosing a lane looks at. */
  get load(): number {
    return this.queue.length + (this.serving ? 1 : 0);
  }

  /** Where the truck at queue index `i` stands: behind the booth, against the driving direction. */
  slot(i: number): Point {
    return offsetAlong(this.asset.position, this.heading + 180, QUEUE_SPACING * (i + 1));
  }

  /** A truck reaches the lane: the plate reader reports it, and it joins the queue. */
  join(truck: Truck): void {
    this.context.outbox.event(this.ref, 'truck.arrived', {
      plate: truck.plate,
      direction: this.direction,
      containers: [...truck.containers],
    });
    this.queue.push(truck);
    truck.drive([this.slot(this.queue.length - 1)], QUEUE_SPEED);
    if (!this.serving) this.serveNext();
  }

  metrics(): Metrics {
    return { queueLength: this.queue.length, laneOpen: 1, busy: this.serving ? 1 : 0 };
  }

  private serveNext(): void {
    const truck = this.queue.shift();
    this.serving = truck ?? null;
    if (!truck) return;
    this.queue.forEach((waiting, i) => waiting.drive([this.slot(i)], QUEUE_SPEED));
    truck.drive([this.asset.position], QUEUE_SPEED, () => {
      this.hooks.onEnterBooth?.(truck);
      // Inbound checks (declaration, OCR, weighing) take about a minute; outbound ones half that.
      const processingSec =
        this.direction === 'in' ? this.random.lognormal(50, 0.22, 30, 150) : this.random.lognormal(22, 0.25, 12, 60);
      this.context.scheduler.after(processingSec * 1000, () => this.finish(truck, processingSec));
    });
  }

  private finish(truck: Truck, processingSec: number): void {
    let outcome: LaneOutcome = { admitted: true };
    if (this.direction === 'in' && this.random.chance(REJECT_SHARE)) {
      outcome = { admitted: false, reason: this.random.weighted(REJECT_REASONS) };
      this.context.outbox.event(this.ref, 'truck.rejected', { plate: truck.plate, reason: outcome.reason });
    } else {
      this.context.outbox.event(this.ref, 'truck.admitted', { plate: truck.plate, processingSec: round(processingSec, 1) });
    }
    this.hooks.onDone(truck, outcome);
    this.serveNext();
  }
}
