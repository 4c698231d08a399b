// Truck journeys from journey marks: which device events are marks, and how one plate's marks
// make its visits (docs/journeys.md). Pure, so the same marks give the same journeys whatever
// order they arrived in and however often.
import {
  type EventMessage,
  type Journey as JourneyAnswer,
  type JourneyOutcome,
  JOURNEY_STAGES,
  type JourneyStage,
} from '@porttwin/contracts';

/** A plate-bearing event that places a truck at a stage of its visit. */
export interface JourneyMark {
  plate: string;
  mark: MarkName;
  /** Device time, epoch ms. */
  ts: number;
  assetId: string;
  detail: Record<string, unknown>;
}

export type MarkName =
  | 'arrived.in'
  | 'arrived.out'
  | 'admitted'
  | 'rejected'
  | 'balked'
  | 'portal.entered'
  | 'portal.left'
  | 'scan.queued'
  | 'scan.started'
  | 'scan.completed'
  | 'yard.entered'
  | 'yard.left';

// The stages, outcomes and the answer's shape are the contract's: the console reads them too.
export { JOURNEY_STAGES, type JourneyOutcome, type JourneyStage } from '@porttwin/contracts';

/** A stored journey: the answer's fields and its key's arrival time. */
export interface Journey extends JourneyAnswer {
  /** Epoch ms of the arrival at the inbound lane: with the plate, the journey's key. */
  arrivedAt: number;
}

/** A journey longer than this is not one: later marks of the plate wait for its next arrival. */
export const MAX_JOURNEY_MS = 24 * 3_600_000;

// kind:type of the events that are marks; a truck.arrived splits by its direction.
const MARK_OF: Record<string, MarkName> = {
  'gate:truck.admitted': 'admitted',
  'gate:truck.rejected': 'rejected',
  'gate:truck.balked': 'balked',
  'rpm:occupancy.started': 'portal.entered',
  'rpm:occupancy.ended': 'portal.left',
  'scanner:scan.queued': 'scan.queued',
  'scanner:scan.started': 'scan.started',
  'scanner:scan.completed': 'scan.completed',
  'truck:yard.entered': 'yard.entered',
  'truck:yard.left': 'yard.left',
};

/** The marks among stored events (the contract has validated their data already). */
export function journeyMarks(events: readonly EventMessage[]): JourneyMark[] {
  const marks: JourneyMark[] = [];
  for (const event of events) {
    const plate = event.data.plate;
    if (typeof plate !== 'string') continue;
    let mark: MarkName | undefined = MARK_OF[`${event.kind}:${event.type}`];
    if (event.kind === 'gate' && event.type === 'truck.arrived') mark = event.data.direction === 'out' ? 'arrived.out' : 'arrived.in';
    if (!mark) continue;
    const { plate: _plate, ...detail } = event.data;
    marks.push({ plate, mark, ts: event.ts, assetId: event.assetId, detail });
  }
  return marks;
}

// At equal times an arrival sorts first, so it opens the journey the other marks belong to.
function byTime(a: JourneyMark, b: JourneyMark): number {
  return a.ts - b.ts || Number(isArrival(b)) - Number(isArrival(a)) || a.mark.localeCompare(b.mark) || a.assetId.localeCompare(b.assetId);
}

function isArrival(mark: JourneyMark): boolean {
  return mark.mark === 'arrived.in' || mark.mark === 'balked';
}

/**
 * The journeys of one plate's marks. Each inbound arrival (or balk) opens a visit; the marks
 * after it, up to the next arrival and at most MAX_JOURNEY_MS later, belong to it. A second
 * arrival read before anything else happened is the reader reading the same truck again.
 * Marks before any arrival belong to none (yet): their arrival may still come.
 */
export function buildJourneys(plateMarks: readonly JourneyMark[]): Journey[] {
  const sorted = [...plateMarks].sort(byTime);
  const visits: JourneyMark[][] = [];
  let current: JourneyMark[] | null = null;
  for (const mark of sorted) {
    if (isArrival(mark)) {
      const reread = current !== null && mark.mark === 'arrived.in' && current.every((m) => m.mark === 'arrived.in');
      if (reread) continue;
      current = [mark];
      visits.push(current);
    } else if (current && mark.ts - (current[0] as JourneyMark).ts <= MAX_JOURNEY_MS && current[0]?.mark !== 'balked') {
      current.push(mark);
    }
  }
  return visits.map(journeyOf);
}

function journeyOf(marks: JourneyMark[]): Journey {
  const arrival = marks[0] as JourneyMark;
  const stages = Object.fromEntries(JOURNEY_STAGES.map((s) => [s, null])) as Record<JourneyStage, number | null>;
  stages.arrived = arrival.ts;
  const base = { plate: arrival.plate, arrivedAt: arrival.ts, inLane: arrival.assetId };
  if (arrival.mark === 'balked') {
    stages.departed = arrival.ts;
    return { ...base, outLane: null, outcome: 'balked', inspected: false, scanner: null, verdict: null, stages, turnSec: 0 };
  }
  // Marks are in time order, so the first of a kind is the earliest: a stage's time.
  const first = (name: MarkName, where?: (m: JourneyMark) => boolean) => marks.find((m) => m.mark === name && (!where || where(m)));
  stages.portalStart = first('portal.entered')?.ts ?? null;
  stages.portalEnd = first('portal.left')?.ts ?? null;
  const outQueued = first('arrived.out');
  stages.outQueued = outQueued?.ts ?? null;
  // The booth's decision is the first on the inbound lane before the truck queued to leave.
  const decision = marks.find(
    (m) => (m.mark === 'admitted' || m.mark === 'rejected') && m.assetId === arrival.assetId && (!outQueued || m.ts < outQueued.ts),
  );
  if (decision) {
    stages.gateEnd = decision.ts;
    stages.gateStart = startOf(decision);
  }
  const release = outQueued ? first('admitted', (m) => m.assetId === outQueued.assetId && m.ts >= outQueued.ts) : undefined;
  if (release) {
    stages.outGateEnd = release.ts;
    stages.outGateStart = startOf(release);
  }
  stages.scanQueued = first('scan.queued')?.ts ?? null;
  stages.scanStart = first('scan.started')?.ts ?? null;
  const scanned = first('scan.completed');
  stages.scanEnd = scanned?.ts ?? null;
  stages.yardArrived = first('yard.entered')?.ts ?? null;
  stages.yardDone = first('yard.left')?.ts ?? null;
  const outcome: JourneyOutcome = decision?.mark === 'rejected' ? 'rejected' : release ? 'released' : 'on site';
  stages.departed = outcome === 'rejected' ? (decision as JourneyMark).ts : outcome === 'released' ? (release as JourneyMark).ts : null;
  const verdict = scanned?.detail.verdict;
  return {
    ...base,
    outLane: outQueued?.assetId ?? null,
    outcome,
    inspected: stages.scanStart !== null || stages.scanEnd !== null,
    scanner: (first('scan.queued') ?? first('scan.started') ?? scanned)?.assetId ?? null,
    verdict: verdict === 'clear' || verdict === 'suspect' ? verdict : null,
    stages,
    turnSec: stages.departed === null ? null : (stages.departed - arrival.ts) / 1000,
  };
}

/** When the booth started on the truck: its decision less the processing time it reports. */
function startOf(decision: JourneyMark): number | null {
  const sec = decision.detail.processingSec;
  return typeof sec === 'number' ? decision.ts - sec * 1000 : null;
}
