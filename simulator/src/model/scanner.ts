// A container/vehicle CT scanner in the inspection hall: selected trucks queue, are scanned one
// at a time, and get a verdict from the image analyst.
import type { FixedAsset, Point } from '@porttwin/contracts';
import type { Random } from '../random';
import { headingBetween, offsetAlong } from '../road-path';
import { type ModelContext, type TelemetrySource, round } from './context';
import type { AssetRef, Metrics } from './device-outbox';
import { QUEUE_SPACING } from './gate-lane';
import { QUEUE_SPEED, type Truck } from './truck';

const SUSPECT_SHARE = 0.03;

export class Scanner implements TelemetrySource {
  readonly ref: AssetRef;
  private readonly queue: { truck: Truck; done: () => void }[] = [];
  private busy = false;
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

  /** Where a truck bound for the scanner drives to: the end of the queue. */
  queueEnd(): Point {
    return this.slot(this.queue.length);
  }

  /** A truck has reached the scanner: it waits its turn, and `done` is called once scanned. */
  join(truck: Truck, done: () => void): void {
    this.queue.push({ truck, done });
    truck.drive([this.slot(this.queue.length - 1)], QUEUE_SPEED);
    if (!this.busy) this.scanNext();
  }

  metrics(): Metrics {
    return { queueLength: this.queue.length, busy: this.busy ? 1 : 0 };
  }

  private slot(i: number): Point {
    return offsetAlong(this.asset.position, this.approachHeading + 180, QUEUE_SPACING * (i + 1));
  }

  private scanNext(): void {
    const next = this.queue.shift();
    this.busy = next !== undefined;
    if (!next) return;
    this.queue.forEach(({ truck }, i) => truck.drive([this.slot(i)], QUEUE_SPEED));
    const { truck, done } = next;
    const container = truck.containers[0] ?? '';
    truck.drive([this.asset.position], QUEUE_SPEED, () => {
      this.context.outbox.event(this.ref, 'scan.started', { plate: truck.plate, container });
      // A drive-through CT scan plus the analyst's first look: one to two minutes.
      const durationSec = this.random.lognormal(75, 0.25, 40, 200);
      this.context.scheduler.after(durationSec * 1000, () => {
        const verdict = this.random.chance(SUSPECT_SHARE) ? 'suspect' : 'clear';
        this.context.outbox.event(this.ref, 'scan.completed', {
          plate: truck.plate,
          container,
          durationSec: round(durationSec, 1),
          verdict,
        });
        done();
        this.scanNext();
      });
    });
  }
}
