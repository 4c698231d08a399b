// What a quay crane and a yard crane share: the move under way (if any), the pose held between
// moves, and breakdowns that freeze a move where it stands until the crane is repaired.
import type { CraneCycle, CranePose } from './crane-cycle';
import type { Scheduler, Timer } from './scheduler';

export class CraneMotion {
  private cycle: CraneCycle | null = null;
  private completion: Timer | null = null;
  private faulted = false;

  constructor(
    private readonly scheduler: Scheduler,
    /** Where the spreader rests when no move is under way. */
    public pose: CranePose,
  ) {}

  /** Whether a move is under way. */
  get moving(): boolean {
    return this.cycle !== null;
  }

  get brokenDown(): boolean {
    return this.faulted;
  }

  /** Where the spreader is now, mid-move or at rest. */
  poseNow(): CranePose {
    return this.cycle ? this.cycle.poseAt(this.scheduler.now()) : this.pose;
  }

  /** Runs a move; onEnd is called when it ends, unless a breakdown stops it first. */
  run(cycle: CraneCycle, onEnd: () => void): void {
    this.cycle = cycle;
    this.completion = this.scheduler.at(cycle.startMs + cycle.durationMs, () => {
      if (this.cycle !== cycle) return;
      this.pose = cycle.end;
      this.cycle = null;
      onEnd();
    });
  }

  /** Comes to rest at pose, with no move under way. */
  rest(pose: CranePose): void {
    this.cycle = null;
    this.pose = pose;
  }

  /** The move under way stops where it is (a box stays on the spreader); false when already broken down. */
  breakDown(): boolean {
    if (this.faulted) return false;
    this.faulted = true;
    this.completion?.cancel();
    this.completion = null;
    this.pose = this.poseNow();
    this.cycle = null;
    return true;
  }

  /** Back in service; false when it was not broken down. */
  repair(): boolean {
    if (!this.faulted) return false;
    this.faulted = false;
    return true;
  }
}
