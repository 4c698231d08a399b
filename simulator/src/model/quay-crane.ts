// A ship-to-shore quay crane: while a ship lies at its berth it discharges, then loads, one box
// every two minutes or so (25–35 moves an hour), moving along the ship bay by bay.
import type { FixedAsset } from '@porttwin/contracts';
import { sample } from '../config/distribution';
import { randomContainerNumber } from '../container-numbers';
import type { Random } from '../random';
import { type ModelContext, type TelemetrySource, round } from './context';
import { CraneCycle, type CranePose } from './crane-cycle';
import { CraneMotion } from './crane-motion';
import type { AssetRef, Metrics } from './device-outbox';
import type { VesselCall } from './vessel-traffic';
import type { Weather } from './weather';

// Trolley positions are metres from the quay wall: negative over the ship, positive over the apron.
const TRAVEL_HEIGHT = 38;
const APRON_LANES = [8, 13, 18];
const BAY_REACH_M = 40;
const PARKED: CranePose = { gantry: 0, trolley: 10, hoist: TRAVEL_HEIGHT, loaded: false };

export class QuayCrane implements TelemetrySource {
  readonly ref: AssetRef;
  private readonly random: Random;
  private readonly noise: Random;
  private readonly motion: CraneMotion;
  private weightT = 0;
  private movesLeftInBay = 0;
  // The call it was working when it broke down, resumed when the fault clears.
  private call: VesselCall | null = null;

  constructor(
    readonly asset: FixedAsset,
    private readonly context: ModelContext,
    private readonly weather: Weather,
    private readonly onDone: (call: VesselCall) => void,
  ) {
    this.ref = { kind: 'qc', id: asset.id };
    this.random = context.random.fork(asset.id);
    this.noise = context.random.fork(`${asset.id}:noise`);
    this.motion = new CraneMotion(context.scheduler, { ...PARKED, gantry: asset.position.x });
  }

  /** The berth this crane works. */
  get berth(): string | undefined {
    return this.asset.berth;
  }

  /** Starts working the ship; returns false when the crane is busy or broken down. */
  work(call: VesselCall, firstMoveProgress = 0): boolean {
    if (this.motion.moving || this.motion.brokenDown) return false;
    this.call = call;
    this.nextMove(call, firstMoveProgress);
    return true;
  }

  /**
   * A breakdown: the move under way stops where it is (the box stays on the spreader) and the
   * crane takes no moves until clear(); the other cranes at the berth carry on with the ship.
   */
  breakDown(): void {
    this.motion.breakDown();
  }

  /** Back in service: it resumes the ship it was working, if that ship is still alongside. */
  repair(): void {
    if (this.motion.repair() && this.call) this.nextMove(this.call);
  }

  metrics(): Metrics {
    const pose = this.motion.poseNow();
    const wind = this.weather.windAt(this.context.scheduler.now()) + this.noise.normal(0, 0.3);
    return {
      gantryPos: round(pose.gantry, 2),
      trolleyPos: round(pose.trolley, 2),
      hoistHeight: round(pose.hoist, 2),
      load: pose.loaded ? round(this.weightT, 1) : 0,
      windSpeed: round(Math.max(0, wind), 1),
      // Its drives report whether a move is under way: what utilisation is counted from.
      busy: this.motion.moving ? 1 : 0,
    };
  }

  // `progress` lets the opening move start part-way, so a run begins mid-cycle as a real shift would.
  private nextMove(call: VesselCall, progress = 0): void {
    const kind = call.nextMove();
    if (!kind) {
      this.call = null;
      this.motion.rest({ ...this.motion.pose, trolley: PARKED.trolley, hoist: TRAVEL_HEIGHT, loaded: false });
      this.onDone(call);
      return;
    }
    const durationMs = sample(this.random, this.context.flow.quay.craneCycleSec) * 1000;
    const now = this.context.scheduler.now();
    const startMs = now - progress * durationMs;
    // A bay holds a handful of boxes for one crane; then the gantry moves on along the ship.
    let gantry = this.motion.pose.gantry;
    if (this.movesLeftInBay-- <= 0) {
      this.movesLeftInBay = this.random.int(4, 8);
      gantry = this.nextBay(call, gantry);
    }
    const shipRow = { trolley: -this.random.uniform(6, 40), height: this.random.uniform(2, 22) };
    const apron = { trolley: this.random.pick(APRON_LANES), height: 3 };
    const [pick, drop] = kind === 'discharge' ? [shipRow, apron] : [apron, shipRow];
    this.weightT = this.random.lognormal(18, 0.4, 3, 32);
    const container = randomContainerNumber(this.random);
    const cycle = new CraneCycle(startMs, durationMs, {
      from: { gantry: this.motion.pose.gantry, trolley: this.motion.pose.trolley },
      gantry,
      pick,
      drop,
      travelHeight: TRAVEL_HEIGHT,
    });
    this.motion.run(cycle, () => {
      const cycleSec = round(durationMs / 1000, 1);
      this.context.outbox.event(this.ref, 'move.completed', { container, kind, cycleSec });
      this.context.truth({ t: this.context.scheduler.now(), type: 'crane.move', asset: this.asset.id, kind, container, cycleSec });
      this.nextMove(call);
    });
  }

  // Cranes sharing a ship each keep to their own hatches, near where they stand, so they never
  // cross: within BAY_REACH_M of the crane's home position and inside the berth.
  private nextBay(call: VesselCall, gantry: number): number {
    const { x1, x2 } = call.berth;
    const home = this.asset.position.x;
    const step = this.random.uniform(6, 18) * (this.random.chance(0.5) ? 1 : -1);
    const low = Math.max(x1 + 15, home - BAY_REACH_M);
    const high = Math.min(x2 - 15, home + BAY_REACH_M);
    return Math.min(high, Math.max(low, gantry + step));
  }
}
