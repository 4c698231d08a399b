// `pnpm bench kpis`, journey building at ingest rate: the site's traffic after the stored days,
// written into them through writeIngestBatch (journeys built in each batch's transaction),
// against the rate the site produces and against the same events under a type that places no
// plate, which is what storing them costs without journey building.
import type { DeviceMessage, EventMessage } from '@porttwin/contracts';
import { type Database, journeyMarks, writeIngestBatch } from '@porttwin/db';
import { PortModel } from '@porttwin/simulator';
import { decodeAsGateway, defaultLayout } from './simulated-week';

/** Simulated time replayed as a gateway at 1× would write it (each 50 ms a transaction). */
export const LIVE_MS = 10 * 60_000;
/** Simulated time whose journey events are written at capacity, with marks and without. */
const CAPACITY_MS = 3_600_000;
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
  /** Wall seconds spent in writeIngestBatch (the model and decoding excluded). */
  seconds: number;
  /** Journey (or, on the floor row, renamed) events stored per wall second. */
  eventsPerSec: number;
  /** Simulated seconds of traffic per wall second, when the path replays the site's own rate. */
  realTimeMultiple: number | null;
}

const isJourneyEvent = (message: DeviceMessage): message is EventMessage =>
  message.channel === 'event' && journeyMarks([message]).length > 0;

async function timedWrite(db: Database, messages: DeviceMessage[]): Promise<number> {
  const started = performance.now();
  await writeIngestBatch(db, { gatewayId: 'bench-probe', messages, deadLetters: [] });
  return (performance.now() - started) / 1000;
}

function chunks<T>(items: readonly T[], size: number): T[][] {
  return Array.from({ length: Math.ceil(items.length / size) }, (_, i) => items.slice(i * size, (i + 1) * size));
}

/**
 * Runs the site on from `startMs` at its default 1 s telemetry and writes into `db` (which
 * keeps it): LIVE_MS of every message in 50 ms batches, as the gateway at 1×; then the journey
 * events of the next hour alone, 200 a batch (journey building's capacity); then those of the
 * hour after under a type that makes no mark (the same rows without journey building).
 */
export async function measureJourneyThroughput(db: Database, engine: string, startMs: number, seed: number): Promise<ThroughputFigures[]> {
  let batch: DeviceMessage[] = [];
  let now = startMs;
  const model = new PortModel({
    layout: defaultLayout(),
    startMs,
    seed,
    telemetryIntervalMs: 1000,
    sink: (outbound) => batch.push(decodeAsGateway(outbound.topic, outbound.payload, now)),
  });
  model.start();
  const take = () => {
    const taken = batch;
    batch = [];
    return taken;
  };

  const live = { batches: 0, messages: 0, journeyEvents: 0, seconds: 0 };
  for (const end = startMs + LIVE_MS; now < end;) {
    now += GATEWAY_BATCH_MS;
    model.advanceTo(now);
    const messages = take();
    if (messages.length === 0) continue;
    live.batches += 1;
    live.messages += messages.length;
    live.journeyEvents += messages.filter(isJourneyEvent).length;
    live.seconds += await timedWrite(db, messages);
  }
  const hourOfJourneyEvents = () => {
    now += CAPACITY_MS;
    model.advanceTo(now);
    return take().filter(isJourneyEvent);
  };
  const marked = hourOfJourneyEvents();
  // The same kind of events, renamed so that no mark is made: what storing the rows costs.
  const renamed = hourOfJourneyEvents().map((event) => ({ ...event, type: `${event.type}.unmarked` }));
  model.shutdown();

  const atCapacity = async (path: string, events: EventMessage[], journeyEvents: number): Promise<ThroughputFigures> => {
    const batches = chunks(events, CAPACITY_BATCH);
    let seconds = 0;
    for (const messages of batches) seconds += await timedWrite(db, messages);
    return {
      engine,
      path,
      batches: batches.length,
      messages: events.length,
      journeyEvents,
      seconds,
      eventsPerSec: events.length / seconds,
      realTimeMultiple: null,
    };
  };
  return [
    {
      engine,
      path: `the site at 1×: every message of ${LIVE_MS / 60_000} simulated minutes (1 s telemetry) in 50 ms gateway batches, journeys built`,
      ...live,
      eventsPerSec: live.journeyEvents / live.seconds,
      realTimeMultiple: LIVE_MS / 1000 / live.seconds,
    },
    await atCapacity(`the next hour's journey events alone, ${CAPACITY_BATCH} a batch, journeys built`, marked, marked.length),
    await atCapacity(`floor: the hour after's journey events under a type that makes no mark, ${CAPACITY_BATCH} a batch`, renamed, 0),
  ];
}
