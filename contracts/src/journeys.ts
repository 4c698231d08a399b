// A truck's visit from the inbound gate to departure (GET /api/journeys), as the console reads it.

/** The moments of a journey, in the order a truck meets them. */
export const JOURNEY_STAGES = [
  'arrived',
  'portalStart',
  'portalEnd',
  'gateStart',
  'gateEnd',
  'scanQueued',
  'scanStart',
  'scanEnd',
  'yardArrived',
  'yardDone',
  'outQueued',
  'outGateStart',
  'outGateEnd',
  'departed',
] as const;
export type JourneyStage = (typeof JOURNEY_STAGES)[number];

export const JOURNEY_OUTCOMES = ['released', 'rejected', 'balked', 'on site'] as const;
export type JourneyOutcome = (typeof JOURNEY_OUTCOMES)[number];

/** A journey as GET /api/journeys answers it. */
export interface Journey {
  /** Masked (e.g. 粤B1***5) for roles that may not see plates. */
  plate: string;
  inLane: string;
  outLane: string | null;
  outcome: JourneyOutcome;
  inspected: boolean;
  /** The scanner the truck queued at (or was scanned by), null if it was not inspected. */
  scanner: string | null;
  verdict: 'clear' | 'suspect' | null;
  /** Stage → epoch ms, null if not reached. */
  stages: Record<JourneyStage, number | null>;
  /** departed − arrived, s; null while on site. */
  turnSec: number | null;
}
