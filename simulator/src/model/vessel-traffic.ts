// Vessel calls, one at a time: a ship lies alongside while the quay cranes at its berth work
// it, sails when the last move is done, and the next ship approaches from sea to a berth.
// Each call is its own asset (V-<voyage>), reporting like an AIS feed.
import type { Berth, Point } from '@porttwin/contracts';
import type { Random } from '../random';
import { type ModelContext, type TelemetrySource, round, startTelemetry } from './context';
import type { AssetRef, Metrics } from './device-outbox';
import { Mover } from './mover';
import type { Timer } from './scheduler';

const NAMES = ['COSCO SHIPPING ARIES', 'OOCL HONG KONG', 'MSC ISABELLA', 'CMA CGM TAGE', 'EVER ACE', 'ONE INNOVATION', 'HMM ALGECIRAS', 'YM WELLNESS'];
// A ship lies about 22 m off the quay wall (half its beam plus fenders).
const BERTH_OFFSET = 22;
const SEA_SPEED = 4;
const MANOEUVRE_SPEED = 1;

export type MoveKind = 'discharge' | 'load';

/** One ship's stay: who it is, where it lies, and the moves left to do. */
export class VesselCall implements TelemetrySource {
  readonly ref: AssetRef;
  readonly mover: Mover;
  alongside = false;
  dischargeLeft: number;
  loadLeft: number;
  cranesWorking = 0;
  telemetry: Timer | null = null;

  constructor(
    readonly voyage: string,
    readonly name: string,
    readonly berth: Berth,
    moves: { discharge: number; load: number },
    mover: Mover,
  ) {
    this.ref = { kind: 'vessel', id: `V-${voyage}` };
    this.mover = mover;
    this.dischargeLeft = moves.discharge;
    this.loadLeft = moves.load;
  }

  /** The next move for a crane at its berth, or null when the ship is worked out. */
  nextMove(): MoveKind | null {
    if (!this.alongside) return null;
    // Import boxes come off before export boxes go on, as the stowage plan requires.
    if (this.dischargeLeft > 0) return this.dischargeLeft--, 'discharge';
    if (this.loadLeft > 0) return this.loadLeft--, 'load';
    return null;
  }

  metrics(): Metrics {
    const pose = this.mover.pose();
    // Alongside, the AIS heading is the quay's direction, whatever line it came in on.
    const heading = this.alongside ? 90 : pose.heading;
    return { x: round(pose.x, 1), y: round(pose.y, 1), speed: round(this.mover.speed(), 2), heading: round(heading, 1), name: this.name };
  }
}

export interface VesselTrafficHooks {
  /** The ship is made fast: start the cranes at its berth; returns how many started. */
  onAlongside(call: VesselCall): number;
}

export class VesselTraffic {
  current: VesselCall | null = null;
  private readonly random: Random;
  private lastVoyage = '';

  constructor(
    private readonly context: ModelContext,
    private readonly hooks: VesselTrafficHooks,
    private readonly craneCount: (berth: string) => number,
  ) {
    this.random = context.random.fork('vessel-traffic');
  }

  /** Opens the run with a ship already alongside, so there is crane work from the first minute. */
  start(): void {
    const berth = this.pickBerth(null);
    if (!berth) return;
    const call = this.newCall(berth, this.berthPoint(berth), 90, 0.5);
    this.context.outbox.status(call.ref, 'online');
    call.telemetry = startTelemetry(this.context, call);
    this.makeFast(call);
  }

  /** A crane at the berth has no more moves for this ship. */
  craneDone(call: VesselCall): void {
    call.cranesWorking = Math.max(0, call.cranesWorking - 1);
    if (call.cranesWorking === 0) this.scheduleDeparture(call, this.random.uniform(180, 420));
  }

  private makeFast(call: VesselCall): void {
    call.alongside = true;
    this.context.outbox.event(call.ref, 'berth.arrived', { berth: call.berth.id, voyage: call.voyage });
    call.cranesWorking = this.hooks.onAlongside(call);
    // With no crane at the berth the ship is worked by equipment we do not model.
    if (call.cranesWorking === 0) this.scheduleDeparture(call, this.random.uniform(1800, 3600));
  }

  private scheduleDeparture(call: VesselCall, afterSec: number): void {
    // Lashing checks and the pilot boarding take a few minutes after the last move.
    this.context.scheduler.after(afterSec * 1000, () => {
      call.alongside = false;
      this.context.outbox.event(call.ref, 'berth.departed', { berth: call.berth.id, voyage: call.voyage });
      const berthPoint = this.berthPoint(call.berth);
      const offBerth = { x: berthPoint.x + 70, y: this.context.layout.quay.y - 70 };
      call.mover.drive([offBerth], MANOEUVRE_SPEED, () =>
        call.mover.drive([this.seaPoint(berthPoint.x + 260)], SEA_SPEED, () => this.leave(call)),
      );
    });
  }

  private leave(call: VesselCall): void {
    call.telemetry?.cancel();
    this.context.outbox.status(call.ref, 'offline', 'left the port');
    this.current = null;
    this.context.scheduler.after(this.random.uniform(240, 600) * 1000, () => this.approach(call.berth.id));
  }

  private approach(previousBerth: string): void {
    const berth = this.pickBerth(previousBerth);
    if (!berth) return;
    const berthPoint = this.berthPoint(berth);
    const sea = this.seaPoint(berthPoint.x - 260);
    const call = this.newCall(berth, sea, 0, 1);
    this.context.outbox.status(call.ref, 'online');
    call.telemetry = startTelemetry(this.context, call);
    const turn = { x: berthPoint.x - 70, y: this.context.layout.quay.y - 70 };
    call.mover.drive([turn], SEA_SPEED, () => call.mover.drive([berthPoint], MANOEUVRE_SPEED, () => this.makeFast(call)));
  }

  private newCall(berth: Berth, at: Point, heading: number, workShare: number): VesselCall {
    let voyage = this.lastVoyage;
    while (voyage === this.lastVoyage) voyage = `${this.random.int(100, 999)}${this.random.pick(['E', 'W', 'N', 'S'])}`;
    this.lastVoyage = voyage;
    const perCrane = Math.max(1, this.craneCount(berth.id));
    const moves = {
      discharge: Math.round(this.random.int(10, 18) * perCrane * workShare),
      load: Math.round(this.random.int(10, 18) * perCrane * workShare),
    };
    const call = new VesselCall(voyage, this.random.pick(NAMES), berth, moves, new Mover(this.context.scheduler, at, heading));
    this.current = call;
    return call;
  }

  // The next ship goes to another berth with cranes when there is one, so each crane gets work.
  private pickBerth(previous: string | null): Berth | undefined {
    const berths = this.context.layout.berths;
    const worked = berths.filter((berth) => this.craneCount(berth.id) > 0);
    const candidates = worked.length > 0 ? worked : berths;
    const others = candidates.filter((berth) => berth.id !== previous);
    const pool = others.length > 0 ? others : candidates;
    return pool.length > 0 ? this.random.pick(pool) : undefined;
  }

  private berthPoint(berth: Berth): Point {
    return { x: (berth.x1 + berth.x2) / 2, y: this.context.layout.quay.y - BERTH_OFFSET };
  }

  private seaPoint(x: number): Point {
    const { bounds, quay } = this.context.layout;
    return { x: Math.min(bounds.maxX, Math.max(bounds.minX, x)), y: Math.max(bounds.minY + 10, quay.y - 240) };
  }
}
