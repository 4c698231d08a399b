// Where a road truck goes: it arrives at an open inbound gate lane, passes the radiation portal
// and the gate, is inspected at a working scanner if customs picked it, drops or picks up boxes
// in the yard, and leaves through an outbound lane. Each visit ends with a ground-truth record.
import type { Point, YardBlock } from '@porttwin/contracts';
import { sample } from '../config/distribution';
import { randomContainerNumber } from '../container-numbers';
import { randomPlate } from '../plates';
import type { Random } from '../random';
import { distance, offsetAlong } from '../road-path';
import type { ModelContext } from './context';
import type { GateLane, LaneOutcome } from './gate-lane';
import type { RadiationPortal } from './radiation-portal';
import type { Scanner } from './scanner';
import { ROAD_SPEED, type Truck } from './truck';
import { TruckArrivals } from './truck-arrivals';
import type { TruckFleet } from './truck-fleet';
import type { YardCrane } from './yard-crane';

// A truck is sent to a modelled crane only while fewer than this many wait there; otherwise
// the terminal operating system books it on a block whose crane we do not model.
const MAX_WAITING_AT_CRANE = 2;
// A portal this close to a lane covers it.
const PORTAL_REACH_M = 80;
// How far a truck drives beyond the gate before it is off the site.
const EXIT_RUN_M = 140;

export interface JourneyStations {
  inLanes: GateLane[];
  outLanes: GateLane[];
  scanners: Scanner[];
  portals: RadiationPortal[];
  yardCranes: YardCrane[];
  blocks: YardBlock[];
}

export class TruckJourneys {
  private readonly random: Random;
  private readonly balkedPlates: Random;
  /** The arrival process (a scenario's surge changes its rate). */
  readonly arrivalProcess: TruckArrivals;
  private arrivals = 0;
  private balked = 0;

  constructor(
    private readonly context: ModelContext,
    private readonly fleet: TruckFleet,
    private readonly stations: JourneyStations,
  ) {
    this.random = context.random.fork('truck-journeys');
    this.balkedPlates = context.random.fork('balked-plates');
    // Arrivals draw from their own stream so the arrival times do not shift when routing changes.
    this.arrivalProcess = new TruckArrivals(
      context.scheduler,
      context.random.fork('truck-arrivals'),
      context.flow.trucks,
      context.layout.anchor.lon,
      () => this.arrive(),
    );
    for (const lane of stations.inLanes) {
      const portal = this.portalFor(lane.position);
      if (portal) lane.setPortal(portal);
    }
  }

  /** Trucks that reached an inbound lane so far, and those that found the lanes full. */
  counts(): { arrivals: number; balked: number } {
    return { arrivals: this.arrivals, balked: this.balked };
  }

  /** Starts the arrival process, with some trucks already on the roads (a shift under way). */
  start(): void {
    if (this.stations.inLanes.length === 0) return;
    this.openWithTrucksOnSite();
    this.arrivalProcess.start();
  }

  // About five minutes' worth of arrivals are already inside when the run opens: half just
  // through the gate, half leaving the yard, so the roads are busy from the first second.
  private openWithTrucksOnSite(): void {
    const count = Math.round(this.arrivalProcess.rateAt(this.context.scheduler.now()) / 12);
    for (let i = 0; i < count; i++) {
      const lane = this.random.pick(this.stations.inLanes);
      const loaded = this.random.chance(this.context.flow.trucks.loadedShare);
      const containers = loaded ? [randomContainerNumber(this.random)] : [];
      if (this.random.chance(0.5) || this.stations.blocks.length === 0) {
        const truck = this.fleet.arrive(containers, lane.position, lane.asset.heading ?? 180);
        truck.inLane = lane.asset.id;
        truck.inspect = loaded && this.random.chance(this.context.flow.inspection.share);
        this.afterGate(lane, truck, { admitted: true });
      } else {
        const block = this.random.pick(this.stations.blocks);
        const truck = this.fleet.arrive(containers, this.context.roads.nearestRoadPoint(block.center), 90);
        truck.inLane = lane.asset.id;
        this.toOutGate(truck);
      }
    }
  }

  /** A lane is done with the truck. */
  afterGate(lane: GateLane, truck: Truck, outcome: LaneOutcome): void {
    if (lane.direction === 'out' || !outcome.admitted) {
      // Turned-back trucks reverse out the way they came; released trucks drive off.
      const heading = lane.direction === 'out' ? (lane.asset.heading ?? 0) : (lane.asset.heading ?? 180) + 180;
      const outcome = lane.direction === 'out' ? 'released' : 'rejected';
      truck.drive([offsetAlong(lane.position, heading, EXIT_RUN_M)], ROAD_SPEED, () => this.leave(truck, outcome));
      return;
    }
    // An outage takes a scanner out of the choice; with every scanner down, trucks queue anyway.
    const working = this.stations.scanners.filter((s) => s.working);
    const scanner = this.pickLeastBusy(working.length > 0 ? working : this.stations.scanners, (s) => s.queueLength);
    if (truck.inspect && scanner) {
      truck.drive(this.context.roads.route(truck.pose(), scanner.queueEnd()), ROAD_SPEED, () =>
        scanner.join(truck, () => this.toYard(truck)),
      );
    } else {
      this.toYard(truck);
    }
  }

  private arrive(): void {
    const open = this.stations.inLanes.filter((l) => l.open);
    const lane = this.pickLeastBusy(open, (l) => l.load);
    const { trucks, inspection } = this.context.flow;
    if (!lane || lane.load >= trucks.maxLaneQueue) {
      // A driver who finds every lane closed or full drives off (keeps overload bounded).
      this.balked++;
      const now = this.context.scheduler.now();
      const stages = { arrived: now, departed: now };
      // A full lane's reader sees the plate of the driver who turns away; with every lane
      // closed no reader does. The plate comes from its own stream so other draws stay put.
      const plate = lane ? randomPlate(this.balkedPlates) : '';
      if (lane) lane.balked(plate);
      this.context.truth({
        t: now,
        type: 'truck',
        plate,
        tracker: null,
        inLane: lane?.asset.id ?? '',
        outLane: null,
        outcome: 'balked',
        inspected: false,
        verdict: null,
        stages,
      });
      if (this.balked % 50 === 1) this.context.log(`simulator: gate lanes full or closed; ${this.balked} drivers turned away so far`);
      return;
    }
    this.arrivals++;
    // Most trucks bring an export box (sometimes two 20 ft boxes); the rest come empty to collect one.
    const loaded = this.random.chance(trucks.loadedShare);
    const boxes = loaded ? (this.random.chance(trucks.twoBoxShare) ? 2 : 1) : 0;
    const containers = Array.from({ length: boxes }, () => randomContainerNumber(this.random));
    const truck = this.fleet.arrive(containers, lane.slot(lane.queueLength), lane.asset.heading ?? 180);
    truck.inspect = loaded && this.random.chance(inspection.share);
    lane.join(truck);
  }

  /** The truck is off the site: its visit goes into the ground truth. */
  private leave(truck: Truck, outcome: 'released' | 'rejected'): void {
    const now = this.context.scheduler.now();
    truck.stages.departed = now;
    this.context.truth({
      t: now,
      type: 'truck',
      plate: truck.plate,
      tracker: truck.tracker?.id ?? null,
      inLane: truck.inLane,
      outLane: truck.outLane,
      outcome,
      inspected: truck.inspected,
      verdict: truck.verdict,
      stages: truck.stages,
    });
    this.fleet.depart(truck);
  }

  private toYard(truck: Truck): void {
    const block = this.stations.blocks.length > 0 ? this.random.pick(this.stations.blocks) : undefined;
    const moves: ('stack' | 'retrieve')[] = truck.containers.map(() => 'stack');
    if (moves.length === 0 || this.random.chance(this.context.flow.yard.collectShare)) moves.push('retrieve');
    if (!block) return this.toOutGate(truck);
    let crane = this.stations.yardCranes.find((c) => c.block.id === block.id);
    let dwellBlock: YardBlock | undefined = crane ? undefined : block;
    if (crane && crane.waiting >= MAX_WAITING_AT_CRANE) {
      dwellBlock = this.stations.blocks.find((b) => !this.stations.yardCranes.some((c) => c.block.id === b.id));
      crane = dwellBlock ? undefined : this.pickLeastBusy(this.stations.yardCranes, (c) => c.waiting);
    }
    if (crane) {
      const served = crane;
      truck.drive(this.context.roads.route(truck.pose(), served.truckPoint, true), ROAD_SPEED, () => {
        this.enterYard(truck, served.block.id);
        served.serve(truck, moves, () => this.toOutGate(truck, served.block.id));
      });
      return;
    }
    if (!dwellBlock) return this.toOutGate(truck);
    // Blocks without a modelled crane stand for the rest of the yard: the truck waits its turn
    // and is served, but no crane reports it.
    const stop = this.context.roads.nearestRoadPoint(dwellBlock.center);
    const dwelt = dwellBlock;
    truck.drive(this.context.roads.route(truck.pose(), stop, true), ROAD_SPEED, () => {
      this.enterYard(truck, dwelt.id);
      const dwellSec = sample(this.random, this.context.flow.yard.unmodelledDwellSec);
      this.context.scheduler.after(dwellSec * 1000, () => {
        truck.containers = moves.includes('retrieve') ? [randomContainerNumber(this.random)] : [];
        this.toOutGate(truck, dwelt.id);
      });
    });
  }

  // The tracker's geofence around the block reports the truck in and out (tracked trucks only).
  private enterYard(truck: Truck, block: string): void {
    truck.stages.yardArrived = this.context.scheduler.now();
    if (truck.tracker) this.context.outbox.event(truck.tracker, 'yard.entered', { plate: truck.plate, block });
  }

  /** The truck heads for an outbound lane; `block` is the yard block it leaves, if it was in one. */
  private toOutGate(truck: Truck, block?: string): void {
    truck.stages.yardDone = this.context.scheduler.now();
    if (block !== undefined && truck.tracker) this.context.outbox.event(truck.tracker, 'yard.left', { plate: truck.plate, block });
    const open = this.stations.outLanes.filter((l) => l.open);
    const lane = this.pickLeastBusy(open.length > 0 ? open : this.stations.outLanes, (l) => l.load);
    if (!lane) {
      // A site without outbound lanes: the truck just leaves by the nearest road end.
      this.leave(truck, 'released');
      return;
    }
    truck.drive(this.context.roads.route(truck.pose(), lane.position, true), ROAD_SPEED, () => lane.join(truck));
  }

  private portalFor(at: Point): RadiationPortal | undefined {
    let best: RadiationPortal | undefined;
    for (const portal of this.stations.portals) {
      const d = distance(portal.asset.position, at);
      if (d <= PORTAL_REACH_M && (!best || d < distance(best.asset.position, at))) best = portal;
    }
    return best;
  }

  // Ties go to the first in layout order, which keeps choices reproducible.
  private pickLeastBusy<T>(items: readonly T[], load: (item: T) => number): T | undefined {
    let best: T | undefined;
    for (const item of items) if (best === undefined || load(item) < load(best)) best = item;
    return best;
  }
}
