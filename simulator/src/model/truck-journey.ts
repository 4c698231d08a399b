// Where a road truck goes: it arrives at an inbound gate lane (Poisson arrivals), passes the
// radiation portal and the gate, is inspected at the scanner if customs picked it, drops or
// picks up boxes in the yard, and leaves through an outbound lane.
import type { Point, YardBlock } from '@porttwin/contracts';
import { randomContainerNumber } from '../container-numbers';
import type { Random } from '../random';
import { distance, offsetAlong } from '../road-path';
import type { ModelContext } from './context';
import type { GateLane, LaneOutcome } from './gate-lane';
import type { RadiationPortal } from './radiation-portal';
import type { Scanner } from './scanner';
import { ROAD_SPEED, type Truck } from './truck';
import type { TruckFleet } from './truck-fleet';
import type { YardCrane } from './yard-crane';

/** Share of loaded inbound trucks the customs risk engine sends to the scanner. */
export const INSPECTION_SHARE = 0.2;
// A driver who finds every lane this long drives off and comes back later (keeps an overloaded
// configuration from growing without bound).
const MAX_LANE_QUEUE = 40;
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
  // Arrivals draw from their own stream so the arrival times do not shift when routing changes.
  private readonly arrivalRandom: Random;
  private arrivals = 0;
  private balked = 0;

  constructor(
    private readonly context: ModelContext,
    private readonly fleet: TruckFleet,
    private readonly stations: JourneyStations,
    private readonly arrivalsPerHour: number,
  ) {
    this.random = context.random.fork('truck-journeys');
    this.arrivalRandom = context.random.fork('truck-arrivals');
  }

  /** Trucks that reached an inbound lane so far, and those that found the lanes full. */
  counts(): { arrivals: number; balked: number } {
    return { arrivals: this.arrivals, balked: this.balked };
  }

  /** Starts the arrival process: exponential gaps, i.e. a Poisson stream at the configured rate. */
  start(): void {
    if (this.arrivalsPerHour <= 0 || this.stations.inLanes.length === 0) return;
    const meanGapMs = 3_600_000 / this.arrivalsPerHour;
    const next = (): void => {
      this.context.scheduler.after(this.arrivalRandom.exponential(meanGapMs), () => {
        this.arrive();
        next();
      });
    };
    next();
  }

  /** The truck rolls into a lane's booth: inbound, it has just passed the portal. */
  atBooth(lane: GateLane, truck: Truck): void {
    if (lane.direction !== 'in') return;
    const portal = this.portalFor(lane.position);
    if (portal?.pass(truck)) truck.inspect = true;
  }

  /** A lane is done with the truck. */
  afterGate(lane: GateLane, truck: Truck, outcome: LaneOutcome): void {
    if (lane.direction === 'out' || !outcome.admitted) {
      // Turned-back trucks reverse out the way they came; released trucks drive off.
      const heading = lane.direction === 'out' ? (lane.asset.heading ?? 0) : (lane.asset.heading ?? 180) + 180;
      truck.drive([offsetAlong(lane.position, heading, EXIT_RUN_M)], ROAD_SPEED, () => this.fleet.depart(truck));
      return;
    }
    const scanner = this.pickLeastBusy(this.stations.scanners, (s) => s.metrics().queueLength as number);
    if (truck.inspect && scanner) {
      truck.drive(this.context.roads.route(truck.pose(), scanner.queueEnd()), ROAD_SPEED, () =>
        scanner.join(truck, () => this.toYard(truck)),
      );
    } else {
      this.toYard(truck);
    }
  }

  private arrive(): void {
    const lane = this.pickLeastBusy(this.stations.inLanes, (l) => l.load);
    if (!lane) return;
    if (lane.load >= MAX_LANE_QUEUE) {
      this.balked++;
      if (this.balked % 50 === 1) this.context.log(`simulator: gate lanes full (${lane.load} trucks); ${this.balked} drivers turned away so far`);
      return;
    }
    this.arrivals++;
    // Most trucks bring an export box (sometimes two 20 ft boxes); the rest come empty to collect one.
    const loaded = this.random.chance(0.8);
    const boxes = loaded ? (this.random.chance(0.25) ? 2 : 1) : 0;
    const containers = Array.from({ length: boxes }, () => randomContainerNumber(this.random));
    const truck = this.fleet.arrive(containers, lane.slot(lane.queueLength), lane.asset.heading ?? 180);
    truck.inspect = loaded && this.random.chance(INSPECTION_SHARE);
    lane.join(truck);
  }

  private toYard(truck: Truck): void {
    const block = this.stations.blocks.length > 0 ? this.random.pick(this.stations.blocks) : undefined;
    const moves: ('stack' | 'retrieve')[] = truck.containers.map(() => 'stack');
    if (moves.length === 0 || this.random.chance(0.25)) moves.push('retrieve');
    if (!block) return this.toOutGate(truck);
    let crane = this.stations.yardCranes.find((c) => c.block.id === block.id);
    let dwellBlock: YardBlock | undefined = crane ? undefined : block;
    if (crane && crane.waiting >= MAX_WAITING_AT_CRANE) {
      dwellBlock = this.stations.blocks.find((b) => !this.stations.yardCranes.some((c) => c.block.id === b.id));
      crane = dwellBlock ? undefined : this.pickLeastBusy(this.stations.yardCranes, (c) => c.waiting);
    }
    if (crane) {
      const served = crane;
      truck.drive(this.context.roads.route(truck.pose(), served.truckPoint, true), ROAD_SPEED, () =>
        served.serve(truck, moves, () => this.toOutGate(truck)),
      );
      return;
    }
    if (!dwellBlock) return this.toOutGate(truck);
    // Blocks without a modelled crane stand for the rest of the yard: the truck waits its turn
    // and is served, but no crane reports it.
    const stop = this.context.roads.nearestRoadPoint(dwellBlock.center);
    truck.drive(this.context.roads.route(truck.pose(), stop, true), ROAD_SPEED, () => {
      const dwellSec = this.random.lognormal(110, 0.35, 45, 400);
      this.context.scheduler.after(dwellSec * 1000, () => {
        truck.containers = moves.includes('retrieve') ? [randomContainerNumber(this.random)] : [];
        this.toOutGate(truck);
      });
    });
  }

  private toOutGate(truck: Truck): void {
    const lane = this.pickLeastBusy(this.stations.outLanes, (l) => l.load);
    if (!lane) {
      // A site without outbound lanes: the truck just leaves by the nearest road end.
      this.fleet.depart(truck);
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
