// The simulator as a library: startSimulator() runs the port model in real time and publishes
// its device traffic to an MQTT broker. The server's all-in-one launcher and the CLI call this.
import type { SiteLayout } from '@porttwin/contracts';
import { connectBroker, DevicePublisher } from './device-publisher';
import { PortModel, type PortModelStats } from './model/port-model';

export { SiteFileError, BrokerConnectError } from './errors';
export { readSiteFile, DEFAULT_SITE_FILE } from './site-file';
export { PortModel, type PortModelOptions, type PortModelStats } from './model/port-model';
export type { OutboundMessage, MessageSink } from './model/device-outbox';

export interface SimulatorOptions {
  mqttUrl: string;
  layout: SiteLayout;
  /** Each device's telemetry period, ms (default 1000). */
  telemetryIntervalMs?: number;
  /** Truck arrivals per hour across all inbound lanes (default 120). */
  truckArrivalsPerHour?: number;
  /** Same seed → same sequence of model decisions (default 1). */
  seed?: number;
  qos?: 0 | 1;
  /** Default `porttwin-sim-<site>`. */
  clientId?: string;
  log?: (line: string) => void;
}

export interface RunningSimulator {
  /** Reports every device offline (retained), waits for the broker's acks and disconnects. */
  stop(): Promise<void>;
  /** Messages the broker has accepted so far. */
  published(): number;
  /** The model's counters (arrivals, trucks on site…), for progress lines. */
  stats(): PortModelStats;
}

/**
 * The topic of the simulator's own presence. MQTT allows one last will per connection and
 * the simulator speaks for every device over one connection, so the will cannot mark each
 * device offline; it goes here instead, outside the device namespace (porttwin/v1/…) so it
 * never reaches the edge as a malformed device message. Consoles learn of a crashed simulator
 * from this topic and from device silence (every device stops reporting at once).
 */
export function presenceTopic(site: string): string {
  return `porttwin/sim/${site}/status`;
}

// How often the model is caught up with the wall clock. Events carry their own simulated
// time, so this bounds how late a message leaves, not when it says it happened.
const MAX_TICK_MS = 100;

/** Connects to the broker and runs the port model in real time until stop(). */
export async function startSimulator(options: SimulatorOptions): Promise<RunningSimulator> {
  const { layout } = options;
  const log = options.log ?? (() => {});
  const qos = options.qos ?? 1;
  const telemetryIntervalMs = options.telemetryIntervalMs ?? 1000;
  if (!(telemetryIntervalMs > 0)) throw new Error(`simulator: telemetryIntervalMs must be positive, got ${telemetryIntervalMs}`);
  const presence = presenceTopic(layout.site);
  const presencePayload = (state: 'online' | 'offline', reason?: string): string =>
    JSON.stringify(reason ? { ts: Date.now(), state, reason } : { ts: Date.now(), state });

  const client = await connectBroker(options.mqttUrl, {
    clientId: options.clientId ?? `porttwin-sim-${layout.site}`,
    clean: true,
    will: { topic: presence, payload: Buffer.from(presencePayload('offline', 'simulator connection lost')), qos: 1, retain: true },
  });
  log(`simulator: connected to ${options.mqttUrl} as ${client.options.clientId}; site ${layout.site}`);
  const publisher = new DevicePublisher(client, qos, log);
  client.publish(presence, presencePayload('online'), { qos: 1, retain: true });
  client.on('connect', () => {
    // After a reconnect the broker may have fired our will; say we are back.
    log(`simulator: reconnected to ${options.mqttUrl}`);
    client.publish(presence, presencePayload('online'), { qos: 1, retain: true });
  });
  client.on('offline', () => log(`simulator: lost the broker at ${options.mqttUrl}; retrying`));
  client.on('error', (error) => log(`simulator: MQTT error: ${error.message}`));

  const model = new PortModel({
    layout,
    sink: (message) => publisher.publish(message),
    startMs: Date.now(),
    telemetryIntervalMs,
    truckArrivalsPerHour: options.truckArrivalsPerHour ?? 120,
    seed: options.seed ?? 1,
    log,
  });
  model.start();
  const tick = setInterval(() => {
    try {
      model.advanceTo(Date.now());
    } catch (error) {
      // A model fault would recur on every tick; stop the clock and say so rather than spin.
      clearInterval(tick);
      log(`simulator: model stopped at ${new Date(model.now()).toISOString()}: ${(error as Error).stack ?? String(error)}`);
    }
  }, Math.min(MAX_TICK_MS, Math.max(10, telemetryIntervalMs / 2)));

  let stopping: Promise<void> | null = null;
  const stop = async (): Promise<void> => {
    clearInterval(tick);
    model.advanceTo(Date.now());
    model.shutdown();
    client.publish(presence, presencePayload('offline', 'simulator stopped'), { qos: 1, retain: true });
    await publisher.flush();
    // end(false) lets in-flight QoS 1 messages finish before the DISCONNECT, so no will fires.
    await client.endAsync(false);
    log(`simulator: stopped after ${publisher.published()} messages`);
  };
  return {
    stop: () => (stopping ??= stop()),
    published: () => publisher.published(),
    stats: () => model.stats(),
  };
}
