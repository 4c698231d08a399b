// A video analytics camera watching a yard zone: its frame rate, and now and then a detection
// (mostly people on foot in the stacking area or without a helmet).
import { DETECTION_LABELS, type FixedAsset } from '@porttwin/contracts';
import type { Random } from '../random';
import { type ModelContext, type TelemetrySource, round } from './context';
import type { AssetRef, Metrics } from './device-outbox';

type DetectionLabel = (typeof DETECTION_LABELS)[number];

const LABEL_WEIGHTS: readonly (readonly [DetectionLabel, number])[] = [
  ['person_in_zone', 45],
  ['no_helmet', 35],
  ['obstacle', 10],
  ['container_door_open', 7],
  ['smoke', 2.5],
  ['fire', 0.5],
];

export class Camera implements TelemetrySource {
  readonly ref: AssetRef;
  private readonly random: Random;
  private readonly noise: Random;

  constructor(
    readonly asset: FixedAsset,
    private readonly context: ModelContext,
  ) {
    this.ref = { kind: 'camera', id: asset.id };
    this.random = context.random.fork(asset.id);
    this.noise = context.random.fork(`${asset.id}:noise`);
  }

  /** Starts the detection process (a Poisson stream, rare enough that each is worth a look). */
  start(): void {
    const gapSec = this.random.exponential(this.context.flow.cameras.meanDetectionGapSec);
    this.context.scheduler.after(gapSec * 1000, () => {
      this.detect(this.random.weighted(LABEL_WEIGHTS), this.random.uniform(0.55, 0.98));
      this.start();
    });
  }

  /** Reports one detection (smoke and fire are also alarms in the ground truth). */
  detect(label: string, confidence: number): void {
    const data = { label, confidence: round(confidence, 3), zone: this.asset.zone ?? this.asset.id };
    this.context.outbox.event(this.ref, 'detection', data);
    if (label === 'smoke' || label === 'fire') {
      this.context.truth({
        t: this.context.scheduler.now(),
        type: 'alarm',
        asset: this.asset.id,
        alarm: `detection.${label}`,
        detail: data,
      });
    }
  }

  metrics(): Metrics {
    // Encoders hold 25 fps; a busy network costs the odd frame.
    const fps = this.noise.chance(0.05) ? this.noise.uniform(18, 24) : 25 + this.noise.normal(0, 0.15);
    return { fps: round(Math.min(25.5, fps), 1) };
  }
}
