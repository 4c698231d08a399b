// The whole port as one discrete-event model built from a site layout: it creates a device for
// every fixed asset, wires the truck journeys and vessel calls between them, and emits every
// device message to a sink. It never reads the wall clock; its driver decides how fast time runs.
import type { SiteLayout } from '@porttwin/contracts';
import { Random } from '../random';
import { RoadNetwork } from '../road-network';
import { Camera } from './camera';
import { type ModelContext, type TelemetrySource, startTelemetry } from './context';
import { type AssetRef, DeviceOutbox, type MessageSink } from './device-outbox';
import { GateLane } from './gate-lane';
import { QuayCrane } from './quay-crane';
import { RadiationPortal } from './radiation-portal';
import { Scanner } from './scanner';
import { Scheduler } from './scheduler';
import { TruckFleet } from './truck-fleet';
import { TruckJourneys } from './truck-journey';
import { VesselTraffic } from './vessel-traffic';
import { Weather } from './weather';
import { YardCrane } from './yard-crane';

export interface PortModelOptions {
  layout: SiteLayout;
  sink: MessageSink;
  /** Simulated time at the start, epoch ms (the wall clock in real time, anything in tests). */
  startMs: number;
  telemetryIntervalMs?: number;
  truckArrivalsPerHour?: number;
  seed?: number;
  /** At most this many trucks report at once (trackers in the pool). */
  maxTrackedTrucks?: number;
  log?: (line: string) => void;
}

/** A snapshot of the model's counters, for progress lines and tests. */
export interface PortModelStats {
  simulatedMs: number;
  truckArrivals: number;
  trucksTurnedAway: number;
  trucksOnSite: number;
  untrackedTrucks: number;
}

export class PortModel {
  private readonly context: ModelContext;
  private readonly startMs: number;
  private readonly fixed: TelemetrySource[] = [];
  private readonly fleet: TruckFleet;
  private readonly journeys: TruckJourneys;
  private readonly vessels: VesselTraffic;
  private readonly cameras: Camera[] = [];
  private readonly yardCranes: YardCrane[] = [];
  private started = false;

  constructor(options: PortModelOptions) {
    const { layout } = options;
    const scheduler = new Scheduler(options.startMs);
    this.startMs = options.startMs;
    const random = new Random(options.seed ?? 1);
    this.context = {
      layout,
      scheduler,
      outbox: new DeviceOutbox(layout.site, () => scheduler.now(), options.sink),
      roads: new RoadNetwork(layout.roads),
      random,
      telemetryIntervalMs: options.telemetryIntervalMs ?? 1000,
      log: options.log ?? (() => {}),
    };
    const weather = new Weather(random.fork('weather:noise'), options.startMs);
    this.fleet = new TruckFleet(this.context, random.fork('plates'), options.maxTrackedTrucks ?? 40);

    const inLanes: GateLane[] = [];
    const outLanes: GateLane[] = [];
    const scanners: Scanner[] = [];
    const portals: RadiationPortal[] = [];
    const quayCranes: QuayCrane[] = [];
    this.vessels = new VesselTraffic(
      this.context,
      {
        onAlongside: (call) => {
          // The opening ship's cranes start mid-move, as if the run joined a shift under way.
          const opening = scheduler.now() === this.startMs;
          return quayCranes.filter((crane) => crane.berth === call.berth.id && crane.work(call, opening ? random.fork(crane.ref.id + ':start').next() : 0)).length;
        },
      },
      (berth) => quayCranes.filter((crane) => crane.berth === berth).length,
    );
    for (const asset of layout.assets) {
      switch (asset.kind) {
        case 'gate': {
          const lane: GateLane = new GateLane(asset, this.context, {
            onEnterBooth: (truck) => this.journeys.atBooth(lane, truck),
            onDone: (truck, outcome) => this.journeys.afterGate(lane, truck, outcome),
          });
          (lane.direction === 'in' ? inLanes : outLanes).push(lane);
          this.fixed.push(lane);
          break;
        }
        case 'qc': {
          const crane = new QuayCrane(asset, this.context, weather, (call) => this.vessels.craneDone(call));
          quayCranes.push(crane);
          this.fixed.push(crane);
          break;
        }
        case 'yc': {
          const block = layout.yardBlocks.find((b) => b.id === asset.block) ?? nearestBlock(layout, asset.position);
          // A yard crane with no block to work on still reports, parked where it stands.
          const crane = block ? new YardCrane(asset, block, this.context) : null;
          if (crane) this.yardCranes.push(crane);
          this.fixed.push(crane ?? parkedYardCrane(asset.id, asset.position.x));
          break;
        }
        case 'scanner': {
          const scanner = new Scanner(asset, this.context);
          scanners.push(scanner);
          this.fixed.push(scanner);
          break;
        }
        case 'rpm': {
          const portal = new RadiationPortal(asset, this.context);
          portals.push(portal);
          this.fixed.push(portal);
          break;
        }
        case 'camera': {
          const camera = new Camera(asset, this.context);
          this.cameras.push(camera);
          this.fixed.push(camera);
          break;
        }
      }
    }
    this.journeys = new TruckJourneys(
      this.context,
      this.fleet,
      { inLanes, outLanes, scanners, portals, yardCranes: this.yardCranes, blocks: layout.yardBlocks },
      options.truckArrivalsPerHour ?? 120,
    );
  }

  /** Simulated time now, epoch ms. */
  now(): number {
    return this.context.scheduler.now();
  }

  /** Announces every device online and sets all processes going. */
  start(): void {
    if (this.started) return;
    this.started = true;
    for (const device of this.fixed) {
      this.context.outbox.status(device.ref, 'online');
      startTelemetry(this.context, device);
    }
    for (const camera of this.cameras) camera.start();
    for (const crane of this.yardCranes) crane.start();
    this.vessels.start();
    this.journeys.start();
  }

  /** Runs the model up to simulated time `ms` (epoch), emitting what happens on the way. */
  advanceTo(ms: number): void {
    this.context.scheduler.runUntil(ms);
  }

  /** Reports every live device offline (retained), so no console keeps showing it as live. */
  shutdown(reason = 'simulator stopped'): void {
    const live: AssetRef[] = [...this.fixed.map((device) => device.ref), ...this.fleet.liveTrackers()];
    if (this.vessels.current) live.push(this.vessels.current.ref);
    for (const ref of live) this.context.outbox.status(ref, 'offline', reason);
  }

  stats(): PortModelStats {
    const { arrivals, balked } = this.journeys.counts();
    return {
      simulatedMs: this.now() - this.startMs,
      truckArrivals: arrivals,
      trucksTurnedAway: balked,
      trucksOnSite: this.fleet.size,
      untrackedTrucks: this.fleet.untrackedArrivals,
    };
  }
}

function nearestBlock(layout: SiteLayout, at: { x: number; y: number }) {
  let best = layout.yardBlocks[0];
  for (const block of layout.yardBlocks) {
    if (best && Math.hypot(block.center.x - at.x, block.center.y - at.y) < Math.hypot(best.center.x - at.x, best.center.y - at.y)) best = block;
  }
  return best;
}

function parkedYardCrane(id: string, x: number): TelemetrySource {
  return { ref: { kind: 'yc', id }, metrics: () => ({ gantryPos: x, trolleyPos: 0, hoistHeight: 0, load: 0 }) };
}
