// Simulated days of the default site stored through the ingest path, for `pnpm bench kpis`:
// the port model runs without MQTT, its messages are decoded by the contract as the gateway
// decodes them and written by writeIngestBatch, journeys built in the same transaction.
import { DEFAULT_SITE_FILE, PortModel, readSiteFile } from '@porttwin/simulator';
import { decodeDeviceMessage, type DeviceMessage, type SiteLayout } from '@porttwin/contracts';
import { type Database, journeyMarks, writeIngestBatch } from '@porttwin/db';

export interface SimulatedWeekOptions {
  days: number;
  seed: number;
  /** Each device's telemetry period, ms: the default site at 1 s sends 16M messages a day. */
  telemetryIntervalMs: number;
  /** Simulated start, epoch ms; fixed, so the same options give the same stored week. */
  startMs: number;
  /** Simulated ms per ingest batch (a gateway's batch size does not change what is stored). */
  batchMs: number;
  log?: (line: string) => void;
}

/** A Monday, UTC midnight, before any machine's now: the week is the same whenever it is built. */
export const WEEK_START_MS = Date.UTC(2026, 10, 2);
export const DAY_MS = 86_400_000;

/** What one simulated day cost to ingest. */
export interface IngestedDay {
  day: number;
  messages: number;
  events: number;
  /** Events that place a plate (journey marks): what journey building works on. */
  journeyEvents: number;
  /** Wall ms spent in writeIngestBatch (the model and decoding excluded). */
  writeMs: number;
}

export function defaultLayout(): SiteLayout {
  return readSiteFile(DEFAULT_SITE_FILE);
}

/** Decodes a model's message exactly as the gateway would on receipt at the simulated time. */
export function decodeAsGateway(topic: string, payload: string, receivedAt: number): DeviceMessage {
  const decoded = decodeDeviceMessage({ topic, payload, payloadBytes: Buffer.byteLength(payload), receivedAt, retained: false });
  if (!decoded.ok) throw new Error(`bench: the model sent a message the contract refuses (${topic}): ${decoded.reason}`);
  return decoded.message;
}

/**
 * Runs the model over `days` and stores every message, one batch per `batchMs` of simulated
 * time; resolves to each day's ingest cost.
 */
export async function generateSimulatedWeek(db: Database, options: SimulatedWeekOptions): Promise<IngestedDay[]> {
  const layout = defaultLayout();
  let pending: DeviceMessage[] = [];
  let now = options.startMs;
  const model = new PortModel({
    layout,
    startMs: options.startMs,
    seed: options.seed,
    telemetryIntervalMs: options.telemetryIntervalMs,
    sink: (message) => pending.push(decodeAsGateway(message.topic, message.payload, now)),
  });
  model.start();
  const days: IngestedDay[] = [];
  for (let day = 0; day < options.days; day += 1) {
    const figures: IngestedDay = { day: day + 1, messages: 0, events: 0, journeyEvents: 0, writeMs: 0 };
    const dayEnd = options.startMs + (day + 1) * DAY_MS;
    while (now < dayEnd) {
      now = Math.min(dayEnd, now + options.batchMs);
      model.advanceTo(now);
      const messages = pending;
      pending = [];
      const events = messages.filter((message) => message.channel === 'event');
      figures.messages += messages.length;
      figures.events += events.length;
      figures.journeyEvents += journeyMarks(events).length;
      const started = performance.now();
      await writeIngestBatch(db, { gatewayId: 'bench-week', messages, deadLetters: [] });
      figures.writeMs += performance.now() - started;
    }
    days.push(figures);
    options.log?.(
      `bench: day ${figures.day}/${options.days}: ${figures.messages} messages, ${figures.journeyEvents} journey events, ` +
        `${(figures.writeMs / 1000).toFixed(1)} s writing`,
    );
  }
  model.shutdown();
  return days;
}
