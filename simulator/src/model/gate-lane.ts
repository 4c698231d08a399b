// One gate lane (plate reader + barrier): trucks queue in front of the booth and are served
// one at a time. Inbound, a truck first stands in the lane's radiation portal, then is
// checked at the booth and admitted or turned away; outbound lanes let trucks leave.
import type { FixedAsset, Point } from '@porttwin/contracts';
import { sample } from '../config/distribution';
import type { Random } from '../random';
import { offsetAlong } from '../road-path';
import { type ModelContext, type TelemetrySource, round } from './context';
import type { AssetRef, Metrics } from './device-outbox';
import type { RadiationPortal } from './radiation-portal';
import { QUEUE_SPEED, ROAD_SPEED, type Truck } from './truck';

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

export type LaneOutcome = { admitted: true } | { admitted: false; reason: string };

export interface GateLaneHooks {
  /** Processing is over; the lane no longer holds the truck. */
  onDone: (truck: Truck, outcome: LaneOutcome) => void;
}

export class GateLane implements TelemetrySource {
  readonly ref: AssetRef;
  readonly direction: 'in' | 'out';
  /** The portal trucks stand in before the booth (inbound lanes that have one). */
  private portal: RadiationPortal | null = null;
  /** Where a truck stands in the portal: on the lane's axis, level with the portal. */
  private portalStop: Point | null = null;
  /** The first queue slot is behind this point (the portal, when it stands upstream). */
  private queueHead: Point;
  /** A closed lane takes no new trucks; those already queued are still served. */
  open = true;
  private readonly queue: Truck[] = [];
  private serving: Truck | null = null;
  private atPortal: Truck | null = null;
  private portalDone = false;
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
    this.queueHead = asset.position;
  }

  /** Puts the lane through `portal`: trucks stop level with it before the booth. */
  setPortal(portal: RadiationPortal): void {
    this.portal = portal;
    const radians = ((this.heading + 180) * Math.PI) / 180;
    const dx = portal.asset.position.x - this.asset.position.x;
    const dy = portal.asset.position.y - this.asset.position.y;
    // How far upstream of the booth the portal stands, along the lane.
    const upstream = dx * Math.sin(radians) + dy * Math.cos(radians);
    this.portalStop = offsetAlong(this.asset.position, this.heading + 180, upstream);
    if (upstream > 0) this.queueHead = this.portalStop;
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
    return this.queue.length + (this.atPortal ? 1 : 0) + (this.serving ? 1 : 0);
  }

  /** Where the truck at queue index `i` stands: behind the booth, against the driving direction. */
  slot(i: number): Point {
    return offsetAlong(this.queueHead, this.heading + 180, QUEUE_SPACING * (i + 1));
  }

  /** A truck reaches the lane: the plate reader reports it, and it joins the queue. */
  join(truck: Truck): void {
    this.context.outbox.event(this.ref, 'truck.arrived', {
      plate: truck.plate,
      direction: this.direction,
      containers: [...truck.containers],
    });
    if (this.direction === 'in') truck.inLane = this.asset.id;
    else {
      truck.outLane = this.asset.id;
      truck.stages.outQueued = this.context.scheduler.now();
    }
    this.queue.push(truck);
    this.recordQueue();
    truck.drive([this.slot(this.queue.length - 1)], QUEUE_SPEED);
    this.advance();
  }

  /** A driver saw the queue full and turned away: the lane's reader reports the plate it read. */
  balked(plate: string): void {
    this.context.outbox.event(this.ref, 'truck.balked', { plate, reason: 'queue full' });
  }

  /** Opens or closes the lane (a scenario's lane closure); the barrier reports it. */
  setOpen(open: boolean): void {
    this.open = open;
  }

  metrics(): Metrics {
    return { queueLength: this.queue.length, laneOpen: this.open ? 1 : 0, busy: this.serving ? 1 : 0 };
  }

  private recordQueue(): void {
    this.context.truth({ t: this.context.scheduler.now(), type: 'queue', asset: this.asset.id, queue: this.queue.length });
  }

  // The lane is two stations in tandem: the portal (when the lane has one) and the booth. The
  // next truck rolls into the portal as soon as it is clear, and waits there for the booth.
  private advance(): void {
    if (!this.serving && this.atPortal && this.portalDone) {
      const truck = this.atPortal;
      this.atPortal = null;
      this.portalDone = false;
      this.toBooth(truck, ROAD_SPEED);
    }
    if (this.atPortal || this.queue.length === 0) return;
    if (!this.portal || !this.portalStop) {
      if (!this.serving) this.toBooth(this.dequeue(), QUEUE_SPEED);
      return;
    }
    const truck = this.dequeue();
    const portal = this.portal;
    this.atPortal = truck;
    truck.drive([this.portalStop], QUEUE_SPEED, () => {
      truck.stages.portalStart = this.context.scheduler.now();
      portal.occupied(truck, this.asset.id);
      const standSec = sample(this.random, this.context.flow.radiationPortal.serviceSec);
      if (portal.pass(truck, standSec)) truck.inspect = true;
      this.context.scheduler.after(standSec * 1000, () => {
        truck.stages.portalEnd = this.context.scheduler.now();
        portal.vacated(truck, this.asset.id, standSec);
        this.portalDone = true;
        this.advance();
      });
    });
  }

  private dequeue(): Truck {
    const truck = this.queue.shift() as Truck;
    this.recordQueue();
    this.queue.forEach((waiting, i) => waiting.drive([this.slot(i)], QUEUE_SPEED));
    return truck;
  }

  private toBooth(truck: Truck, speed: number): void {
    this.serving = truck;
    truck.drive([this.asset.position], speed, () => {
      const now = this.context.scheduler.now();
      if (this.direction === 'in') truck.stages.gateStart = now;
      else truck.stages.outGateStart = now;
      const { inServiceSec, outServiceSec } = this.context.flow.gate;
      const processingSec = sample(this.random, this.direction === 'in' ? inServiceSec : outServiceSec);
      this.context.scheduler.after(processingSec * 1000, () => this.finish(truck, processingSec));
    });
  }

  private finish(truck: Truck, processingSec: number): void {
    let outcome: LaneOutcome = { admitted: true };
    if (this.direction === 'in' && this.random.chance(this.context.flow.gate.rejectShare)) {
      outcome = { admitted: false, reason: this.random.weighted(REJECT_REASONS) };
      const data = { plate: truck.plate, reason: outcome.reason, processingSec: round(processingSec, 1) };
      this.context.outbox.event(this.ref, 'truck.rejected', data);
    } else {
      this.context.outbox.event(this.ref, 'truck.admitted', { plate: truck.plate, processingSec: round(processingSec, 1) });
    }
    if (this.direction === 'in') truck.stages.gateEnd = this.context.scheduler.now();
    else truck.stages.outGateEnd = this.context.scheduler.now();
    this.serving = null;
    this.hooks.onDone(truck, outcome);
    this.advance();
  }
}
