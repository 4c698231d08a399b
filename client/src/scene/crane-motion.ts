// Where a crane's gantry, trolley and spreader are, from its telemetry, clamped to the steel it runs on.
// Quay crane: gantryPos is the site x of the crane along the quay; trolleyPos is metres seaward of the
// quay wall (negative = over the apron, landward). Yard crane: gantryPos is metres along its block from
// the block's west end (a site x inside the block is also accepted); trolleyPos is metres across the
// block from its south side. hoistHeight is the spreader's height above ground for both.
import type { SiteLayout, YardBlock } from '@porttwin/contracts';

export const QUAY_CRANE = {
  /** Outreach over the water and backreach over the apron, metres from the quay wall. */
  outreach: 55,
  backreach: 25,
  liftHeight: 40,
} as const;

export const YARD_CRANE = { liftHeight: 18 } as const;

function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value));
}

export interface QuayCranePose {
  /** Site x of the crane. */
  x: number;
  /** Metres seaward of the quay wall. */
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
    trolley: clamp(metrics.trolleyPos ?? 0, -QUAY_CRANE.backreach, QUAY_CRANE.outreach),
    hoist: clamp(metrics.hoistHeight ?? QUAY_CRANE.liftHeight * 0.6, 0, QUAY_CRANE.liftHeight),
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
  parked: { x: number; y: number },
  block: YardBlock,
): YardCranePose {
  const west = block.center.x - block.length / 2;
  const east = block.center.x + block.length / 2;
  const south = block.center.y - block.width / 2;
  let x = parked.x;
  if (metrics.gantryPos !== undefined) {
    const along = metrics.gantryPos;
    // A position past the block's length but inside its extent is a site x, not an offset.
    x = along > block.length && along >= west && along <= east ? along : west + along;
  }
  const across = metrics.trolleyPos ?? block.width / 2;
  return {
    x: clamp(x, west, east),
    trolleyY: south + clamp(across, 0, block.width),
    hoist: clamp(metrics.hoistHeight ?? YARD_CRANE.liftHeight * 0.7, 0, YARD_CRANE.liftHeight),
  };
}
