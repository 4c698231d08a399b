// Where a crane's gantry, trolley and spreader are, from its telemetry, clamped to the steel it runs on.
// The conventions are the simulator's (simulator/src/model/quay-crane.ts, yard-crane.ts):
// quay crane: gantryPos is the site x along the quay; trolleyPos is metres from the quay wall,
// negative over the ship, positive over the apron. Yard crane: gantryPos is the site x along its
// block; trolleyPos is metres from the block's centre line, positive to the right of the crane's
// heading (south for heading 90). hoistHeight is the spreader's height above ground for both.
import type { SiteLayout, YardBlock } from '@porttwin/contracts';

export const QUAY_CRANE = {
  /** Outreach over the water and backreach over the apron, metres from the quay wall. */
  outreach: 55,
  backreach: 35,
  liftHeight: 42,
} as const;

export const YARD_CRANE = {
  liftHeight: 18,
  /** The legs stand this far outside the block on each side, leaving a truck lane under the span. */
  laneWidth: 6,
} as const;

function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value));
}

export interface QuayCranePose {
  /** Site x of the crane. */
  x: number;
  /** Metres landward of the quay wall (negative = over the water), as reported. */
  trolley: number;
  hoist: number;
}

/** The pose of a quay crane from its metrics; missing metrics leave it parked at its layout position. */
export function quayCranePose(
  metrics: { gantryPos?: number; trolleyPos?: number; hoistHeight?: number },
  parkedX: number,
  quay: SiteLayout['quay'],
): QuayCranePose {
  return {
    x: clamp(metrics.gantryPos ?? parkedX, quay.x1, quay.x2),
    trolley: clamp(metrics.trolleyPos ?? 10, -QUAY_CRANE.outreach, QUAY_CRANE.backreach),
    hoist: clamp(metrics.hoistHeight ?? QUAY_CRANE.liftHeight * 0.8, 0, QUAY_CRANE.liftHeight),
  };
}

export interface YardCranePose {
  /** Site x of the crane. */
  x: number;
  /** Site y of the trolley. */
  trolleyY: number;
  hoist: number;
}

/** The pose of a yard crane over its block; `parked` is its layout position, used until it reports. */
export function yardCranePose(
  metrics: { gantryPos?: number; trolleyPos?: number; hoistHeight?: number },
  parked: { x: number; y: number; heading?: number },
  block: YardBlock,
): YardCranePose {
  const west = block.center.x - block.length / 2;
  const east = block.center.x + block.length / 2;
  const reach = block.width / 2 + YARD_CRANE.laneWidth;
  // Right of heading 90 (east) is south, right of 270 (west) is north.
  const rightIsSouth = Math.cos((((parked.heading ?? 90) - 90) * Math.PI) / 180) >= 0;
  const across = clamp(metrics.trolleyPos ?? 0, -reach, reach);
  return {
    x: clamp(metrics.gantryPos ?? parked.x, west, east),
    trolleyY: block.center.y + (rightIsSouth ? -across : across),
    hoist: clamp(metrics.hoistHeight ?? YARD_CRANE.liftHeight * 0.7, 0, YARD_CRANE.liftHeight),
  };
}
