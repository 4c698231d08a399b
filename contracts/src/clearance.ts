// Clearance time by stage and the bottleneck (GET /api/clearance, the `clearance` push): the
// shapes the server computes and the console draws. The rules are in docs/journeys.md.
import type { JourneyStage } from './journeys';

/** The dwells, in the order a truck meets them; `turn` is the whole visit. */
export const CLEARANCE_STAGES = ['gateQueue', 'portal', 'booth', 'scanQueue', 'scan', 'yard', 'outQueue', 'outBooth', 'turn'] as const;
export type ClearanceStage = (typeof CLEARANCE_STAGES)[number];

/** The stages a truck dwells at, in the order it meets them: every stage but the whole visit. */
export const DWELL_STAGES = [
  'gateQueue',
  'portal',
  'booth',
  'scanQueue',
  'scan',
  'yard',
  'outQueue',
  'outBooth',
] as const satisfies readonly Exclude<ClearanceStage, 'turn'>[];
export type DwellStage = (typeof DWELL_STAGES)[number];

/**
 * Where each dwell starts and ends in a journey's stage times; the first end the journey
 * reached counts (a lane without a portal goes from its queue straight to the booth). The
 * server's SQL (db/migrations, journey dwells) follows the same rule: docs/journeys.md.
 */
export const DWELL_BOUNDS: Record<DwellStage, { from: JourneyStage; to: readonly JourneyStage[] }> = {
  gateQueue: { from: 'arrived', to: ['portalStart', 'gateStart'] },
  portal: { from: 'portalStart', to: ['gateStart'] },
  booth: { from: 'gateStart', to: ['gateEnd'] },
  scanQueue: { from: 'scanQueued', to: ['scanStart'] },
  scan: { from: 'scanStart', to: ['scanEnd'] },
  yard: { from: 'yardArrived', to: ['yardDone'] },
  outQueue: { from: 'outQueued', to: ['outGateStart'] },
  outBooth: { from: 'outGateStart', to: ['outGateEnd'] },
};

export interface StageDwell {
  stage: ClearanceStage;
  /** The lane or scanner; absent on a stage's overall row (and on the yard's, which has no asset). */
  assetId?: string;
  count: number;
  meanSec: number;
  p50Sec: number;
  p90Sec: number;
}

export interface Bottleneck {
  stage: ClearanceStage;
  assetId: string | null;
  /** Mean dwell in the window asked for. */
  dwellSec: number;
  /** Mean dwell of the same stage and asset over the baseline before it. */
  baselineSec: number;
}

export interface Clearance {
  stages: StageDwell[];
  bottleneck: Bottleneck | null;
}

/** What the server pushes once a minute: the clearance of the trailing window [from, to). */
export interface ClearanceReport extends Clearance {
  from: number;
  to: number;
}

/** The pushed clearance covers this many trailing minutes: long enough for a stage's dwells to settle. */
export const CLEARANCE_WINDOW_MINUTES = 60;
