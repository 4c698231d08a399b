// Vessel calls at every berth: a ship lies alongside while the quay cranes at its berth work
// it, sails when the last move is done, and after the berth has lain idle a while the next ship
// approaches from sea. Each call is its own asset (V-<voyage>), reporting like an AIS feed.
import type { Berth, Point } from '@porttwin/contracts';
import { sample } from '../config/distribution';
import type { Random } from '../random';
import { type ModelContext, type TelemetrySource, round, startTelemetry } from './context';
import type { AssetRef, Metrics } from './device-outbox';
import { Mover } from './mover';
import type { Timer } from './scheduler';

const NAMES = [
  'COSCO SHIPPING ARIES',
  'OOCL HONG KONG',
  'MSC ISABELLA',
  'CMA CGM TAGE',
  'EVER ACE',
  'ONE INNOVATION',
  'HMM ALGECIRAS',
  'YM WELLNESS',
  'MAERSK ESSEN',
  'CSCL GLOBE',
  'MOL TRIUMPH',
  'APL RAFFLES',
];
// A ship lies about 22 m off the quay wall (half its beam plus fenders).
const BERTH_OFFSET = 22;
const SEA_SPEED = 4;
const MANOEUVRE_SPEED = 1;

export type MoveKind = 'discharge' | 'load';

/** One ship's stay: who it is, where it lies, and the moves left to do. */
export class VesselCall implements TelemetrySource {
  readonly ref: AssetRef;
  alongside = false;
  dischargeLeft: number;
  loadLeft: number;
  readonly moves: number;
  cranesWorking = 0;
  telemetry: Timer | null = null;

  constructor(
    readonly voyage: string,
    readonly name: string,
    readonly berth: Berth,
    moves: { discharge: number; load: number },
    readonly mover: Mover,
  ) {
    this.ref = { kind: 'vessel', id: `V-${voyage}` };
    this.dischargeLeft = moves.discharge;
    this.loadLeft = moves.load;
    this.moves = moves.discharge + moves.load;
  }

  /** The next move for a crane at its berth, or null when the ship is worked out. */
  nextMove(): MoveKind | null {
    if (!this.alongside) return null;
    // Import boxes come off before export boxes go on, as the stowage plan requires.
    if (this.dischargeLeft > 0) return (this.dischargeLeft--, 'discharge');
    if (this.loadLeft > 0) return (this.loadLeft--, 'load');
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
  onAlongside(call: VesselCall, opening: boolean): number;
}

export class VesselTraffic {
  // Ships in port or in the approaches, by berth: one call per berth at a time.
  private readonly calls = new Map<string, VesselCall>();
  private readonly random: Random;
  private readonly voyages = new Set<string>();

  constructor(
    private readonly context: ModelContext,
    private readonly hooks: VesselTrafficHooks,
    private readonly craneCount: (berth: string) => number,
  ) {
    this.random = context.random.fork('vessel-traffic');
  }

  /** Ships reporting now (alongside, arriving or leaving). */
  live(): VesselCall[] {
    return [...this.calls.values()];
  }

  /**
   * Opens the run mid-shift: most berths with cranes have a ship alongside, part worked
   * (at least one does, so there is crane work from the first minute); the rest expect one.
   */
  start(): void {
    const { berths } = this.context.layout;
    const worked = berths.filter((berth) => this.craneCount(berth.id) > 0);
    const pool = worked.length > 0 ? worked : berths;
    // A fixed count (the share of berths, at least one), at berths the seed picks.
    const count = Math.max(1, Math.round(this.context.flow.quay.openingOccupancy * pool.length));
    const occupied = [...pool];
    while (occupied.length > count) occupied.splice(this.random.int(0, occupied.length - 1), 1);
    for (const berth of pool) {
      if (occupied.includes(berth)) {
        const call = this.newCall(berth, this.berthPoint(berth), 90, this.random.uniform(0.2, 0.9));
        this.makeFast(call, true);
      } else {
        this.scheduleArrival(berth, this.random.next());
      }
    }
  }

  /** A crane at the berth has no more moves for this ship. */
  craneDone(call: VesselCall): void {
    call.cranesWorking = Math.max(0, call.cranesWorking - 1);
    if (call.cranesWorking === 0) this.scheduleDeparture(call, this.random.uniform(180, 420));
  }

  private makeFast(call: VesselCall, opening = false): void {
    call.alongside = true;
    this.context.outbox.event(call.ref, 'berth.arrived', { berth: call.berth.id, voyage: call.voyage, plannedMoves: call.moves });
    this.context.truth({
      t: this.context.scheduler.now(),
      type: 'vessel',
      event: 'arrived',
      asset: call.ref.id,
      berth: call.berth.id,
      voyage: call.voyage,
      moves: call.moves,
    });
    call.cranesWorking = this.hooks.onAlongside(call, opening);
    // With no crane at the berth the ship is worked by equipment we do not model.
    if (call.cranesWorking === 0) this.scheduleDeparture(call, this.random.uniform(1800, 3600));
  }

  private scheduleDeparture(call: VesselCall, afterSec: number): void {
    // Lashing checks and the pilot boarding take a few minutes after the last move.
    this.context.scheduler.after(afterSec * 1000, () => {
      call.alongside = false;
      this.context.outbox.event(call.ref, 'berth.departed', { berth: call.berth.id, voyage: call.voyage });
      this.context.truth({
        t: this.context.scheduler.now(),
        type: 'vessel',
        event: 'departed',
        asset: call.ref.id,
        berth: call.berth.id,
        voyage: call.voyage,
        moves: call.moves,
      });
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
    this.calls.delete(call.berth.id);
    this.voyages.delete(call.voyage);
    this.scheduleArrival(call.berth, 1);
  }

  // `share` of a full idle period: the opening wait is part of one already under way.
  private scheduleArrival(berth: Berth, share: number): void {
    const idleSec = sample(this.random, this.context.flow.quay.berthIdleSec) * share;
    this.context.scheduler.after(idleSec * 1000, () => this.approach(berth));
  }

  private approach(berth: Berth): void {
    const berthPoint = this.berthPoint(berth);
    const call = this.newCall(berth, this.seaPoint(berthPoint.x - 260), 0, 1);
    const turn = { x: berthPoint.x - 70, y: this.context.layout.quay.y - 70 };
    call.mover.drive([turn], SEA_SPEED, () => call.mover.drive([berthPoint], MANOEUVRE_SPEED, () => this.makeFast(call)));
  }

  private newCall(berth: Berth, at: Point, heading: number, workShare: number): VesselCall {
    let voyage = '';
    while (voyage === '' || this.voyages.has(voyage)) voyage = `${this.random.int(100, 999)}${this.random.pick(['E', 'W', 'N', 'S'])}`;
    this.voyages.add(voyage);
    const total = Math.max(2, Math.round(sample(this.random, this.context.flow.quay.movesPerCall) * workShare));
    const discharge = Math.round(total * this.random.uniform(0.4, 0.6));
    const call = new VesselCall(
      voyage,
      this.random.pick(NAMES),
      berth,
      { discharge, load: total - discharge },
      new Mover(this.context.scheduler, at, heading),
    );
    this.calls.set(berth.id, call);
    this.context.outbox.status(call.ref, 'online');
    call.telemetry = startTelemetry(this.context, call);
    return call;
  }

  private berthPoint(berth: Berth): Point {
    return { x: (berth.x1 + berth.x2) / 2, y: this.context.layout.quay.y - BERTH_OFFSET };
  }

  private seaPoint(x: number): Point {
    const { bounds, quay } = this.context.layout;
    return { x: Math.min(bounds.maxX, Math.max(bounds.minX, x)), y: Math.max(bounds.minY + 10, quay.y - 240) };
  }
}
