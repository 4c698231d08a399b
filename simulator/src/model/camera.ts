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
/** Mean gap between detections, seconds: rare enough that each one is worth a look. */
const MEAN_DETECTION_GAP_SEC = 240;

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

  /** Starts the detection process (a Poisson stream). */
  start(): void {
    this.context.scheduler.after(this.random.exponential(MEAN_DETECTION_GAP_SEC) * 1000, () => {
      this.context.outbox.event(this.ref, 'detection', {
        label: this.random.weighted(LABEL_WEIGHTS),
        confidence: round(this.random.uniform(0.55, 0.98), 3),
        zone: this.asset.zone ?? this.asset.id,
      });
      this.start();
    });
  }

  metrics(): Metrics {
    // Encoders hold 25 fps; a busy network costs the odd frame.
    const fps = this.noise.chance(0.05) ? this.noise.uniform(18, 24) : 25 + this.noise.normal(0, 0.15);
    return { fps: round(Math.min(25.5, fps), 1) };
  }
}
