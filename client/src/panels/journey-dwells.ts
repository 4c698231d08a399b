// A journey's dwell at each clearance stage, from its stage times, by the rule the server's
// clearance uses (docs/journeys.md, "Clearance time"): the journey table's slowest stage and
// its expanded timeline.
import { DWELL_BOUNDS, DWELL_STAGES, type DwellStage, type Journey } from '@porttwin/contracts';

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
    const { from, to } = DWELL_BOUNDS[stage];
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
