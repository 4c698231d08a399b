// A rubber-tyred yard crane on one block: it serves road trucks that wait beside the block
// first, and in between handles the terminal's own traffic (boxes to and from the quay,
// shuffles to dig out a box), one move every 90–150 s.
import type { FixedAsset, Point, YardBlock } from '@porttwin/contracts';
import { sample } from '../config/distribution';
import { randomContainerNumber } from '../container-numbers';
import type { Random } from '../random';
import { offsetAlong } from '../road-path';
import { type ModelContext, type TelemetrySource, round } from './context';
import { CraneCycle } from './crane-cycle';
import { CraneMotion } from './crane-motion';
import type { AssetRef, Metrics } from './device-outbox';
import { QUEUE_SPACING } from './gate-lane';
import { QUEUE_SPEED, type Truck } from './truck';

export type YardMoveKind = 'stack' | 'retrieve' | 'shuffle';

// Height of a standard (8'6") box, metres.
const BOX_HEIGHT = 2.59;

interface TruckJob {
  truck: Truck;
  moves: ('stack' | 'retrieve')[];
  done: () => void;
}

export class YardCrane implements TelemetrySource {
  readonly ref: AssetRef;
  /** Where road trucks stop to be served: the road beside the block, nearest the crane. */
  readonly truckPoint: Point;
  private readonly random: Random;
  private readonly jobs: TruckJob[] = [];
  private readonly motion: CraneMotion;
  private weightT = 0;
  private readonly travelHeight: number;
  private readonly axis: number;

  constructor(
    readonly asset: FixedAsset,
    readonly block: YardBlock,
    private readonly context: ModelContext,
  ) {
    this.ref = { kind: 'yc', id: asset.id };
    this.random = context.random.fork(asset.id);
    this.truckPoint = context.roads.nearestRoadPoint(asset.position);
    this.axis = asset.heading ?? 90;
    // Clear of a full stack with a box hanging below the spreader.
    this.travelHeight = (block.tiers + 1) * BOX_HEIGHT + 1;
    this.motion = new CraneMotion(context.scheduler, { gantry: asset.position.x, trolley: 0, hoist: this.travelHeight, loaded: false });
  }

  /** Trucks waiting beside the block (including the one being served). */
  get waiting(): number {
    return this.jobs.length;
  }

  /** Starts the crane's endless cycle of moves, the first one already part-way through. */
  start(): void {
    this.nextMove(this.random.next());
  }

  /** A breakdown: the move under way stops; trucks wait beside the block until repair(). */
  breakDown(): void {
    this.motion.breakDown();
  }

  /** Back in service: the crane picks up the truck at the head of its queue, or yard work. */
  repair(): void {
    if (this.motion.repair()) this.nextMove();
  }

  /** A truck has reached the block: it queues beside it until its moves are done. */
  serve(truck: Truck, moves: ('stack' | 'retrieve')[], done: () => void): void {
    this.jobs.push({ truck, moves: [...moves], done });
    truck.drive([this.slot(this.jobs.length - 1)], QUEUE_SPEED);
  }

  metrics(): Metrics {
    const pose = this.motion.poseNow();
    return {
      gantryPos: round(pose.gantry, 2),
      trolleyPos: round(pose.trolley, 2),
      hoistHeight: round(pose.hoist, 2),
      load: pose.loaded ? round(this.weightT, 1) : 0,
      // Its drives report whether a move is under way: what utilisation is counted from.
      busy: this.motion.moving ? 1 : 0,
    };
  }

  private slot(i: number): Point {
    return offsetAlong(this.truckPoint, this.axis + 180, QUEUE_SPACING * i);
  }

  private nextMove(progress = 0): void {
    const job = this.jobs[0];
    const kind: YardMoveKind = job
      ? (job.moves[0] ?? 'stack')
      : this.random.weighted<YardMoveKind>([
          ['stack', 35],
          ['retrieve', 35],
          ['shuffle', 30],
        ]);
    const durationMs = sample(this.random, this.context.flow.yard.craneCycleSec) * 1000;
    const startMs = this.context.scheduler.now() - progress * durationMs;
    const stackSlot = { trolley: this.rowTrolley(this.random.int(0, this.block.rows - 1)), height: this.tierHeight() };
    // Trucks stand in the lane beside the block; terminal tractors use the same lane.
    const truckLane = { trolley: this.block.width / 2 + 3, height: 1.5 + BOX_HEIGHT };
    const other = { trolley: this.rowTrolley(this.random.int(0, this.block.rows - 1)), height: this.tierHeight() };
    const [pick, drop] = kind === 'stack' ? [truckLane, stackSlot] : kind === 'retrieve' ? [stackSlot, truckLane] : [stackSlot, other];
    const gantry = job ? this.clampToBlock(job.truck.pose().x) : this.bayX(this.random.int(0, this.block.bays - 1));
    const container = job && kind === 'stack' && job.truck.containers[0] ? job.truck.containers[0] : randomContainerNumber(this.random);
    this.weightT = this.random.lognormal(16, 0.45, 2.5, 32);
    const cycle = new CraneCycle(startMs, durationMs, {
      from: { gantry: this.motion.pose.gantry, trolley: this.motion.pose.trolley },
      gantry,
      pick,
      drop,
      travelHeight: this.travelHeight,
    });
    this.motion.run(cycle, () => {
      const cycleSec = round(durationMs / 1000, 1);
      this.context.outbox.event(this.ref, 'move.completed', { container, kind, cycleSec });
      this.context.truth({ t: this.context.scheduler.now(), type: 'crane.move', asset: this.asset.id, kind, container, cycleSec });
      // The job at the head is the one this move served (jobs only join at the back).
      if (job && this.jobs[0] === job) this.finishMove(job, kind, container);
      this.nextMove();
    });
  }

  private finishMove(job: TruckJob, kind: YardMoveKind, container: string): void {
    job.moves.shift();
    if (kind === 'stack') job.truck.containers = job.truck.containers.filter((box) => box !== container);
    if (kind === 'retrieve') job.truck.containers = [...job.truck.containers, container];
    if (job.moves.length > 0) return;
    this.jobs.shift();
    this.jobs.forEach(({ truck }, i) => truck.drive([this.slot(i)], QUEUE_SPEED));
    job.done();
  }

  private bayX(bay: number): number {
    const { center, length, bays } = this.block;
    return center.x - length / 2 + ((bay + 0.5) * length) / bays;
  }

  private clampToBlock(x: number): number {
    const { center, length } = this.block;
    return Math.min(center.x + length / 2, Math.max(center.x - length / 2, x));
  }

  private rowTrolley(row: number): number {
    const { width, rows } = this.block;
    return -width / 2 + ((row + 0.5) * width) / rows;
  }

  private tierHeight(): number {
    return this.random.int(1, this.block.tiers) * BOX_HEIGHT;
  }
}
