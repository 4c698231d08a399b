// A journey's dwell at each clearance stage, from its stage times, by the rule the server's
// clearance uses (docs/journeys.md, "Clearance time"): the journey table's slowest stage and
// its expanded timeline.
import type { ClearanceStage, Journey, JourneyStage } from '@porttwin/contracts';

/** The stages a truck dwells at, in the order it meets them (`turn`, the whole visit, is apart). */
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

/** Where each dwell starts and ends; the first end the journey reached counts (a lane without a portal). */
const BOUNDS: Record<DwellStage, { from: JourneyStage; to: readonly JourneyStage[] }> = {
  gateQueue: { from: 'arrived', to: ['portalStart', 'gateStart'] },
  portal: { from: 'portalStart', to: ['gateStart'] },
  booth: { from: 'gateStart', to: ['gateEnd'] },
  scanQueue: { from: 'scanQueued', to: ['scanStart'] },
  scan: { from: 'scanStart', to: ['scanEnd'] },
  yard: { from: 'yardArrived', to: ['yardDone'] },
  outQueue: { from: 'outQueued', to: ['outGateStart'] },
  outBooth: { from: 'outGateStart', to: ['outGateEnd'] },
};

export interface Dwell {
  stage: DwellStage;
  /** Epoch ms the truck reached the stage. */
  start: number;
  /** Epoch ms it left; null while it is still there. */
  end: number | null;
  /** end − start in seconds; null while it is still there. */
  sec: number | null;
}

/** The stages this journey reached, in order; a balked truck dwelt nowhere. */
export function journeyDwells(journey: Pick<Journey, 'outcome' | 'stages'>): Dwell[] {
  if (journey.outcome === 'balked') return [];
  const dwells: Dwell[] = [];
  for (const stage of DWELL_STAGES) {
    const { from, to } = BOUNDS[stage];
    const start = journey.stages[from];
    if (start === null) continue;
    const end = to.map((name) => journey.stages[name]).find((time): time is number => time !== null) ?? null;
    dwells.push({ stage, start, end, sec: end === null ? null : Math.max(0, (end - start) / 1000) });
  }
  return dwells;
}

/** The finished dwell that took longest, or null when none finished. */
export function slowestDwell(dwells: readonly Dwell[]): Dwell | null {
  let slowest: Dwell | null = null;
  for (const dwell of dwells) if (dwell.sec !== null && (slowest === null || dwell.sec > (slowest.sec ?? 0))) slowest = dwell;
  return slowest;
}
