// `pnpm bench kpis`, journey building at ingest rate: hours of the default site that follow
// the stored days, written into them through writeIngestBatch (journeys built in each batch's
// transaction), against the rate the site produces and against the same events under a type
// that places no plate, which is what storing them costs without journey building.
import type { DeviceMessage, EventMessage } from '@porttwin/contracts';
import { type Database, journeyMarks, writeIngestBatch } from '@porttwin/db';
import { PortModel } from '@porttwin/simulator';
import { decodeAsGateway, defaultLayout } from './simulated-week';

const HOUR_MS = 3_600_000;
/** The gateway closes a batch after 50 ms (edge/src/gateway.ts): at 1× that is its batch. */
const GATEWAY_BATCH_MS = 50;
/** Events per batch when measuring capacity, as the earlier measurement (docs/journeys.md). */
const CAPACITY_BATCH = 200;

export interface ThroughputFigures {
  engine: string;
  path: string;
  batches: number;
  messages: number;
  journeyEvents: number;
  seconds: number;
  /** Journey (or, on the floor row, renamed) events stored per wall second. */
  eventsPerSec: number;
  /** Simulated seconds of traffic per wall second, when the path replays real time. */
  realTimeMultiple: number | null;
}

/** Three hours of the site after `startMs` at its default 1 s telemetry, as gateway batches at 1×. */
function probeHours(startMs: number, seed: number): DeviceMessage[][][] {
  const hours: DeviceMessage[][][] = [];
  let batch: DeviceMessage[] = [];
  let now = startMs;
  const model = new PortModel({
    layout: defaultLayout(),
    startMs,
    seed,
    telemetryIntervalMs: 1000,
    sink: (message) => batch.push(decodeAsGateway(message.topic, message.payload, now)),
  });
  model.start();
  for (let hour = 0; hour < 3; hour += 1) {
    const batches: DeviceMessage[][] = [];
    const end = startMs + (hour + 1) * HOUR_MS;
    while (now < end) {
      now += GATEWAY_BATCH_MS;
      model.advanceTo(now);
      if (batch.length > 0) batches.push(batch);
      batch = [];
    }
    hours.push(batches);
  }
  model.shutdown();
  return hours;
}

function journeyEventsOf(batches: readonly DeviceMessage[][]): EventMessage[] {
  const events = batches.flat().filter((message): message is EventMessage => message.channel === 'event');
  return events.filter((event) => journeyMarks([event]).length > 0);
}

async function write(db: Database, batches: readonly DeviceMessage[][]): Promise<number> {
  const started = performance.now();
  for (const messages of batches) await writeIngestBatch(db, { gatewayId: 'bench-probe', messages, deadLetters: [] });
  return (performance.now() - started) / 1000;
}

function chunks<T>(items: readonly T[], size: number): T[][] {
  return Array.from({ length: Math.ceil(items.length / size) }, (_, i) => items.slice(i * size, (i + 1) * size));
}

/**
 * Writes three probe hours after `startMs` into `db` (which keeps them): the first as the
 * gateway would at 1×, every message in 50 ms batches; the second's journey events alone in
 * batches of 200 (journey building's capacity); the third's the same way under a type that
 * makes no mark (the same rows without journey building).
 */
export async function measureJourneyThroughput(db: Database, engine: string, startMs: number, seed: number): Promise<ThroughputFigures[]> {
  const [live, marked, unmarked] = probeHours(startMs, seed) as [DeviceMessage[][], DeviceMessage[][], DeviceMessage[][]];
  const figures: ThroughputFigures[] = [];
  const liveJourneyEvents = journeyEventsOf(live).length;
  const liveSeconds = await write(db, live);
  figures.push({
    engine,
    path: 'the site at 1×: every message (1 s telemetry) in 50 ms gateway batches, journeys built',
    batches: live.length,
    messages: live.reduce((sum, batch) => sum + batch.length, 0),
    journeyEvents: liveJourneyEvents,
    seconds: liveSeconds,
    eventsPerSec: liveJourneyEvents / liveSeconds,
    realTimeMultiple: HOUR_MS / 1000 / liveSeconds,
  });

  const markedEvents = journeyEventsOf(marked);
  const markedBatches = chunks(markedEvents, CAPACITY_BATCH);
  const markedSeconds = await write(db, markedBatches);
  figures.push({
    engine,
    path: `journey events alone, ${CAPACITY_BATCH} a batch, journeys built`,
    batches: markedBatches.length,
    messages: markedEvents.length,
    journeyEvents: markedEvents.length,
    seconds: markedSeconds,
    eventsPerSec: markedEvents.length / markedSeconds,
    realTimeMultiple: null,
  });

  // The same kind of events, renamed so that no mark is made: what storing the rows costs.
  const renamed = journeyEventsOf(unmarked).map((event) => ({ ...event, type: `${event.type}.unmarked` }));
  const renamedBatches = chunks(renamed, CAPACITY_BATCH);
  const renamedSeconds = await write(db, renamedBatches);
  figures.push({
    engine,
    path: `floor: the same events under a type that makes no mark, ${CAPACITY_BATCH} a batch`,
    batches: renamedBatches.length,
    messages: renamed.length,
    journeyEvents: 0,
    seconds: renamedSeconds,
    eventsPerSec: renamed.length / renamedSeconds,
    realTimeMultiple: null,
  });
  return figures;
}
