// A container/vehicle CT scanner in the inspection hall: selected trucks queue, are scanned one
// at a time, and get a verdict from the image analyst. An outage stops it starting new scans.
import type { FixedAsset, Point } from '@porttwin/contracts';
import { sample } from '../config/distribution';
import type { Random } from '../random';
import { headingBetween, offsetAlong } from '../road-path';
import { type ModelContext, type TelemetrySource, round } from './context';
import type { AssetRef, Metrics } from './device-outbox';
import { QUEUE_SPACING } from './gate-lane';
import { QUEUE_SPEED, type Truck } from './truck';

export class Scanner implements TelemetrySource {
  readonly ref: AssetRef;
  private readonly queue: { truck: Truck; done: () => void }[] = [];
  private busy = false;
  private down = false;
  private readonly random: Random;
  private readonly approachHeading: number;

  constructor(
    readonly asset: FixedAsset,
    private readonly context: ModelContext,
  ) {
    this.ref = { kind: 'scanner', id: asset.id };
    this.random = context.random.fork(asset.id);
    const entry = context.roads.nearestRoadPoint(asset.position);
    this.approachHeading = headingBetween(entry, asset.position) || (asset.heading ?? 0);
  }

  /** Trucks waiting (not counting the one in the tunnel). */
  get queueLength(): number {
    return this.queue.length;
  }

  /** False during an outage: the risk engine sends trucks to another scanner. */
  get working(): boolean {
    return !this.down;
  }

  /** Where a truck bound for the scanner drives to: the end of the queue. */
  queueEnd(): Point {
    return this.slot(this.queue.length);
  }

  /** A truck has reached the scanner: it waits its turn, and `done` is called once scanned. */
  join(truck: Truck, done: () => void): void {
    truck.stages.scanQueued = this.context.scheduler.now();
    this.context.outbox.event(this.ref, 'scan.queued', { plate: truck.plate, container: truck.containers[0] ?? '' });
    this.queue.push({ truck, done });
    this.recordQueue();
    truck.drive([this.slot(this.queue.length - 1)], QUEUE_SPEED);
    if (!this.busy) this.scanNext();
  }

  /** Takes the scanner out of service (the scan under way finishes) or puts it back. */
  setDown(down: boolean): void {
    this.down = down;
    if (!down && !this.busy) this.scanNext();
  }

  metrics(): Metrics {
    return { queueLength: this.queue.length, busy: this.busy ? 1 : 0 };
  }

  private recordQueue(): void {
    this.context.truth({ t: this.context.scheduler.now(), type: 'queue', asset: this.asset.id, queue: this.queue.length });
  }

  private slot(i: number): Point {
    return offsetAlong(this.asset.position, this.approachHeading + 180, QUEUE_SPACING * (i + 1));
  }

  private scanNext(): void {
    if (this.down) {
      this.busy = false;
      return;
    }
    const next = this.queue.shift();
    this.busy = next !== undefined;
    if (!next) return;
    this.recordQueue();
    this.queue.forEach(({ truck }, i) => truck.drive([this.slot(i)], QUEUE_SPEED));
    const { truck, done } = next;
    const container = truck.containers[0] ?? '';
    truck.drive([this.asset.position], QUEUE_SPEED, () => {
      truck.stages.scanStart = this.context.scheduler.now();
      truck.inspected = true;
      this.context.outbox.event(this.ref, 'scan.started', { plate: truck.plate, container });
      const durationSec = sample(this.random, this.context.flow.inspection.scanSec);
      this.context.scheduler.after(durationSec * 1000, () => {
        const verdict = this.random.chance(this.context.flow.inspection.suspectShare) ? 'suspect' : 'clear';
        const data = { plate: truck.plate, container, durationSec: round(durationSec, 1), verdict };
        this.context.outbox.event(this.ref, 'scan.completed', data);
        truck.stages.scanEnd = this.context.scheduler.now();
        truck.verdict = verdict;
        if (verdict === 'suspect')
          this.context.truth({ t: this.context.scheduler.now(), type: 'alarm', asset: this.asset.id, alarm: 'scan.suspect', detail: data });
        done();
        this.scanNext();
      });
    });
  }
}
