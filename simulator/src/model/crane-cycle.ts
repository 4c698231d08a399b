// The motion of one crane move, for telemetry that lets the 3D twin animate: trolley out, hoist
// down, pick, hoist up, trolley across, hoist down, set down, hoist up. Both crane kinds use it.

/** Where the spreader is at one instant of a cycle. */
export interface CranePose {
  gantry: number;
  trolley: number;
  hoist: number;
  loaded: boolean;
}

interface Keyframe extends CranePose {
  /** Fraction of the cycle, 0..1. */
  at: number;
}

/** Where a move starts, picks and sets down (trolley position and hoist height at each end). */
export interface MovePlan {
  from: { gantry: number; trolley: number };
  gantry: number;
  pick: { trolley: number; height: number };
  drop: { trolley: number; height: number };
  /** Hoist height when travelling, clear of the stack or the ship's hatch coamings. */
  travelHeight: number;
}

/** One move in progress: its plan laid out as keyframes over [startMs, startMs + durationMs]. */
export class CraneCycle {
  private readonly frames: Keyframe[];

  constructor(
    readonly startMs: number,
    readonly durationMs: number,
    plan: MovePlan,
  ) {
    const { pick, drop, travelHeight: top, gantry } = plan;
    // Fractions chosen so a ~2 minute cycle spends its time much as a real one does:
    // the hoist dominates, the trolley runs are quick, and there is a short pause at each end.
    this.frames = [
      { at: 0, gantry: plan.from.gantry, trolley: plan.from.trolley, hoist: top, loaded: false },
      { at: 0.15, gantry, trolley: pick.trolley, hoist: top, loaded: false },
      { at: 0.3, gantry, trolley: pick.trolley, hoist: pick.height, loaded: false },
      { at: 0.33, gantry, trolley: pick.trolley, hoist: pick.height, loaded: true },
      { at: 0.48, gantry, trolley: pick.trolley, hoist: top, loaded: true },
      { at: 0.63, gantry, trolley: drop.trolley, hoist: top, loaded: true },
      { at: 0.78, gantry, trolley: drop.trolley, hoist: drop.height, loaded: true },
      { at: 0.81, gantry, trolley: drop.trolley, hoist: drop.height, loaded: false },
      { at: 0.95, gantry, trolley: drop.trolley, hoist: top, loaded: false },
      { at: 1, gantry, trolley: drop.trolley, hoist: top, loaded: false },
    ];
  }

  /** Where the move ends, so the next one starts from there. */
  get end(): CranePose {
    return this.frames[this.frames.length - 1] as Keyframe;
  }

  /** The spreader's pose at `nowMs` (clamped to the cycle). */
  poseAt(nowMs: number): CranePose {
    const f = Math.min(1, Math.max(0, (nowMs - this.startMs) / this.durationMs));
    for (let i = 1; i < this.frames.length; i++) {
      const a = this.frames[i - 1] as Keyframe;
      const b = this.frames[i] as Keyframe;
      if (f <= b.at) {
        const t = b.at === a.at ? 1 : (f - a.at) / (b.at - a.at);
        return {
          gantry: a.gantry + (b.gantry - a.gantry) * t,
          trolley: a.trolley + (b.trolley - a.trolley) * t,
          hoist: a.hoist + (b.hoist - a.hoist) * t,
          loaded: a.loaded,
        };
      }
    }
    return this.end;
  }
}
