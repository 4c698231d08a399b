// The whole port as one discrete-event model built from a site layout: it creates a device for
// every fixed asset, wires the truck journeys and vessel calls between them, plays a scenario
// over them, and emits every device message to a sink and what really happened to a truth sink.
// It never reads the wall clock; its driver decides how fast time runs.
import type { SiteLayout } from '@porttwin/contracts';
import { DEFAULT_FLOW, type Flow, mergeFlow } from '../config/flow-config';
import type { Scenario } from '../config/scenario';
import { Random } from '../random';
import { RoadNetwork } from '../road-network';
import { Camera } from './camera';
import { type ModelContext, type TelemetrySource, startTelemetry } from './context';
import { type AssetRef, DeviceOutbox, type MessageSink } from './device-outbox';
import { GateLane } from './gate-lane';
import { discardTruth, type TruthSink } from './ground-truth';
import { QuayCrane } from './quay-crane';
import { RadiationPortal } from './radiation-portal';
import { Scanner } from './scanner';
import { playScenario } from './scenario-runner';
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
  /** Rates, service times and shares (default DEFAULT_FLOW; a scenario's `flow` is laid over it). */
  flow?: Flow;
  /** Overrides flow.trucks.arrivalsPerHour. */
  truckArrivalsPerHour?: number;
  seed?: number;
  /** Overrides flow.trucks.trackers: at most this many trucks report at once. */
  maxTrackedTrucks?: number;
  /** Injected happenings over the base model. */
  scenario?: Scenario;
  /** Receives the ground truth (default: discarded). */
  truth?: TruthSink;
  log?: (line: string) => void;
}

/** A snapshot of the model's counters, for progress lines and tests. */
export interface PortModelStats {
  simulatedMs: number;
  truckArrivals: number;
  trucksTurnedAway: number;
  trucksOnSite: number;
  untrackedTrucks: number;
  vesselsAlongside: number;
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
  private readonly scenario: Scenario | undefined;
  private readonly seed: number;
  private started = false;

  constructor(options: PortModelOptions) {
    const { layout } = options;
    const scheduler = new Scheduler(options.startMs);
    this.startMs = options.startMs;
    this.seed = options.seed ?? 1;
    this.scenario = options.scenario;
    const random = new Random(this.seed);
    const base = mergeFlow(options.flow ?? DEFAULT_FLOW, options.scenario?.flow);
    const flow: Flow = {
      ...base,
      trucks: {
        ...base.trucks,
        ...(options.truckArrivalsPerHour !== undefined ? { arrivalsPerHour: options.truckArrivalsPerHour } : {}),
        ...(options.maxTrackedTrucks !== undefined ? { trackers: options.maxTrackedTrucks } : {}),
      },
    };
    this.context = {
      layout,
      scheduler,
      outbox: new DeviceOutbox(layout.site, () => scheduler.now(), options.sink),
      roads: new RoadNetwork(layout.roads),
      random,
      telemetryIntervalMs: options.telemetryIntervalMs ?? 1000,
      flow,
      truth: options.truth ?? discardTruth,
      silenced: new Set(),
      log: options.log ?? (() => {}),
    };
    const weather = new Weather(random.fork('weather:noise'), options.startMs);
    this.fleet = new TruckFleet(this.context, random.fork('plates'), flow.trucks.trackers);

    const inLanes: GateLane[] = [];
    const outLanes: GateLane[] = [];
    const scanners: Scanner[] = [];
    const portals: RadiationPortal[] = [];
    const quayCranes: QuayCrane[] = [];
    this.vessels = new VesselTraffic(
      this.context,
      {
        // The opening ships' cranes start mid-move, as if the run joined a shift under way.
        onAlongside: (call, opening) =>
          quayCranes.filter(
            (crane) => crane.berth === call.berth.id && crane.work(call, opening ? random.fork(crane.ref.id + ':start').next() : 0),
          ).length,
      },
      (berth) => quayCranes.filter((crane) => crane.berth === berth).length,
    );
    for (const asset of layout.assets) {
      switch (asset.kind) {
        case 'gate': {
          const lane: GateLane = new GateLane(asset, this.context, {
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
    this.journeys = new TruckJourneys(this.context, this.fleet, {
      inLanes,
      outLanes,
      scanners,
      portals,
      yardCranes: this.yardCranes,
      blocks: layout.yardBlocks,
    });
    if (this.scenario) {
      const byId = <T extends { ref: AssetRef }>(items: T[]) => new Map(items.map((item) => [item.ref.id, item] as const));
      playScenario(this.context, this.scenario, {
        devices: byId(this.fixed),
        lanes: byId([...inLanes, ...outLanes]),
        scanners: byId(scanners),
        cranes: byId<QuayCrane | YardCrane>([...quayCranes, ...this.yardCranes]),
        cameras: byId(this.cameras),
        portals: byId(portals),
        arrivals: this.journeys.arrivalProcess,
      });
    }
  }

  /** Simulated time now, epoch ms. */
  now(): number {
    return this.context.scheduler.now();
  }

  /** The flows the model runs (after options and scenario overrides). */
  get flow(): Flow {
    return this.context.flow;
  }

  /** Announces every device online and sets all processes going. */
  start(): void {
    if (this.started) return;
    this.started = true;
    const { truth, flow, layout } = this.context;
    truth({ t: this.now(), type: 'run.started', site: layout.site, seed: this.seed, scenario: this.scenario?.name ?? null, flow });
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
    for (const ref of this.liveDevices()) this.context.outbox.status(ref, 'offline', reason);
  }

  /** Every device reporting now: fixed assets, trackers out on trucks, ships in the port. */
  liveDevices(): AssetRef[] {
    return [...this.fixed.map((device) => device.ref), ...this.fleet.liveTrackers(), ...this.vessels.live().map((call) => call.ref)];
  }

  stats(): PortModelStats {
    const { arrivals, balked } = this.journeys.counts();
    return {
      simulatedMs: this.now() - this.startMs,
      truckArrivals: arrivals,
      trucksTurnedAway: balked,
      trucksOnSite: this.fleet.size,
      untrackedTrucks: this.fleet.untrackedArrivals,
      vesselsAlongside: this.vessels.live().filter((call) => call.alongside).length,
    };
  }
}

function nearestBlock(layout: SiteLayout, at: { x: number; y: number }) {
  let best = layout.yardBlocks[0];
  for (const block of layout.yardBlocks) {
    if (best && Math.hypot(block.center.x - at.x, block.center.y - at.y) < Math.hypot(best.center.x - at.x, best.center.y - at.y))
      best = block;
  }
  return best;
}

function parkedYardCrane(id: string, x: number): TelemetrySource {
  return { ref: { kind: 'yc', id }, metrics: () => ({ gantryPos: x, trolleyPos: 0, hoistHeight: 0, load: 0 }) };
}
