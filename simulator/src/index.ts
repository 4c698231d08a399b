// The simulator as a library: startSimulator() runs the port model (in real time, accelerated or
// as fast as possible) and publishes its device traffic to an MQTT broker, writing the ground
// truth beside it. The server's all-in-one launcher, the CLI and benchmarks call this.
import { redactUrl, simulatorPresenceTopic, type SiteLayout } from '@porttwin/contracts';
import type { Flow } from './config/flow-config';
import type { Scenario } from './config/scenario';
import { connectBroker, DevicePublisher, type Publisher } from './device-publisher';
import type { TruthRecord, TruthSink } from './model/ground-truth';
import { PortModel, type PortModelStats } from './model/port-model';
import { type DeviceCredentials, PerDevicePublisher } from './per-device-publisher';
import { checkSpeed, checkStartMs, defaultStartMs, runClock, type Speed } from './run-clock';
import { openTruthFile, type TruthFile } from './truth-file';

export { SiteFileError, BrokerConnectError, ConfigFileError } from './errors';
export { readSiteFile, DEFAULT_SITE_FILE, SMALL_PORT_SITE_FILE } from './site-file';
export { PortModel, type PortModelOptions, type PortModelStats } from './model/port-model';
export type { OutboundMessage, MessageSink } from './model/device-outbox';
export type { TruthRecord, TruthSink, TruckStages } from './model/ground-truth';
export { DEFAULT_FLOW, mergeFlow, type Flow, type FlowOverrides } from './config/flow-config';
export { readFlowFile, checkFlowFile } from './config/flow-file';
export { readScenarioFile, checkScenario, type Scenario, type Injection } from './config/scenario';
export { sample, meanOf, type Distribution } from './config/distribution';
export { scenarioFile, SCENARIO_NAMES } from './scenarios';
export { startLoad, type LoadOptions, type RunningLoad } from './load-generator';
export { MAX_SPEED, type Speed } from './run-clock';
export type { DeviceCredentials } from './per-device-publisher';

export interface SimulatorOptions {
  mqttUrl: string;
  layout: SiteLayout;
  /** Each device's telemetry period, ms (default 1000). */
  telemetryIntervalMs?: number;
  /** Mean truck arrivals per hour across all inbound lanes (default: the flow's, 240). */
  truckArrivalsPerHour?: number;
  /** Same seed → same sequence of model decisions (default 1). */
  seed?: number;
  qos?: 0 | 1;
  /** Default `porttwin-sim-<site>`; per-device links use `<clientId>-<assetId>`. */
  clientId?: string;
  log?: (line: string) => void;
  /** Rates, service times and shares (default DEFAULT_FLOW). */
  flow?: Flow;
  /** Injected happenings over the base model (its `flow` is laid over `flow`). */
  scenario?: Scenario;
  /** 1 = real time (default), up to 100× faster, or 'max': as fast as the broker takes it. */
  speed?: Speed;
  /** Simulated seconds to run; then the simulator stops itself and `done` resolves. */
  durationSec?: number;
  /**
   * Simulated start, epoch ms; not after now. Default: now at 1×; for faster runs, durationSec
   * (or an hour) before now, so simulated time never passes the wall clock (the edge rejects the
   * future). The arrival profile follows the simulated hour of day, so a default start makes a
   * run depend on when it is started; a fixed start (with a seed) makes it the same run at any
   * hour, in any time zone.
   */
  startMs?: number;
  /** Writes the ground truth to this JSON-lines file. */
  truthFile?: string;
  /** Receives the ground truth (with or without truthFile). */
  truth?: TruthSink;
  /** 'shared' (default): one connection for all devices; 'per-device': one each, as real hardware. */
  connections?: 'shared' | 'per-device';
  /**
   * Per-device links: each device's own credentials, asked for as its link opens (the console
   * issues them from its device registry). None: every link signs in with mqttUrl's.
   */
  deviceCredentials?: DeviceCredentials;
  /** A PEM CA to trust, for an mqtts:// broker whose certificate no public CA signed. */
  mqttCa?: Buffer;
}

export interface RunningSimulator {
  /** Reports every device offline (retained), waits for the broker's acks and disconnects. */
  stop(): Promise<void>;
  /** Messages the broker has accepted so far. */
  published(): number;
  /** The model's counters (arrivals, trucks on site…), for progress lines. */
  stats(): PortModelStats;
  /** Simulated time now, epoch ms. */
  simulatedNow(): number;
  /** Resolves once a run with a duration has reached its end and stopped. */
  done: Promise<void>;
}

/**
 * The topic of the simulator's own presence. On a shared connection MQTT allows one last will,
 * so it cannot mark each device offline; it goes here instead, outside the device namespace
 * (porttwin/v1/…) so it never reaches the edge as a malformed device message. With per-device
 * connections each device also has its own will on its own status topic.
 */
export const presenceTopic = simulatorPresenceTopic;

/** Connects to the broker and runs the port model until stop() (or the end of durationSec). */
export async function startSimulator(options: SimulatorOptions): Promise<RunningSimulator> {
  const { layout } = options;
  const log = options.log ?? (() => {});
  const qos = options.qos ?? 1;
  const speed = options.speed ?? 1;
  checkSpeed(speed);
  const telemetryIntervalMs = options.telemetryIntervalMs ?? 1000;
  if (!(telemetryIntervalMs > 0)) throw new Error(`simulator: telemetryIntervalMs must be positive, got ${telemetryIntervalMs}`);
  const durationSec = options.durationSec ?? options.scenario?.durationSec;
  if (durationSec !== undefined && !(durationSec > 0)) throw new Error(`simulator: durationSec must be positive, got ${durationSec}`);
  if (options.startMs !== undefined) checkStartMs(options.startMs, Date.now());
  const clientId = options.clientId ?? `porttwin-sim-${layout.site}`;
  const presence = presenceTopic(layout.site);
  const presencePayload = (state: 'online' | 'offline', reason?: string): string =>
    JSON.stringify(reason ? { ts: Date.now(), state, reason } : { ts: Date.now(), state });

  const client = await connectBroker(options.mqttUrl, {
    ...(options.mqttCa ? { ca: options.mqttCa } : {}),
    clientId,
    clean: true,
    will: { topic: presence, payload: Buffer.from(presencePayload('offline', 'simulator connection lost')), qos: 1, retain: true },
  });
  const perDevice = options.connections === 'per-device';
  const broker = redactUrl(options.mqttUrl);
  log(`simulator: connected to ${broker} as ${clientId}${perDevice ? ' (and one connection per device)' : ''}; site ${layout.site}`);
  const publisher: Publisher = perDevice
    ? new PerDevicePublisher({
        url: options.mqttUrl,
        site: layout.site,
        qos,
        clientIdPrefix: clientId,
        credentials: options.deviceCredentials,
        ...(options.mqttCa ? { ca: options.mqttCa } : {}),
        log,
      })
    : new DevicePublisher(client, qos, log);
  client.publish(presence, presencePayload('online'), { qos: 1, retain: true });
  client.on('connect', () => {
    // After a reconnect the broker may have fired our will; say we are back.
    log(`simulator: reconnected to ${broker}`);
    client.publish(presence, presencePayload('online'), { qos: 1, retain: true });
  });
  client.on('offline', () => log(`simulator: lost the broker at ${broker}; retrying`));
  client.on('error', (error) => log(`simulator: MQTT error: ${error.message}`));

  let truthFile: TruthFile | null = null;
  try {
    truthFile = options.truthFile ? openTruthFile(options.truthFile) : null;
  } catch (error) {
    await client.endAsync(true);
    throw error;
  }
  const truthSinks = [truthFile?.sink, options.truth].filter((sink): sink is TruthSink => sink !== undefined);
  const startMs = options.startMs ?? defaultStartMs(Date.now(), speed, durationSec);
  const model = new PortModel({
    layout,
    sink: (message) => publisher.publish(message),
    startMs,
    telemetryIntervalMs,
    truckArrivalsPerHour: options.truckArrivalsPerHour,
    seed: options.seed ?? 1,
    flow: options.flow,
    scenario: options.scenario,
    truth: (record: TruthRecord) => truthSinks.forEach((sink) => sink(record)),
    log,
  });
  if (speed !== 1)
    log(
      `simulator: ${speed === 'max' ? 'as fast as possible' : `${speed}×`} from ${new Date(startMs).toISOString()} (simulated time never passes the wall clock)`,
    );
  model.start();

  let stopping: Promise<void> | null = null;
  let finished: () => void = () => {};
  const done = new Promise<void>((resolve) => (finished = resolve));
  const stopClock = runClock({
    model,
    speed,
    startMs,
    endMs: durationSec !== undefined ? startMs + durationSec * 1000 : Number.POSITIVE_INFINITY,
    backlog: () => publisher.backlog(),
    drained: () => publisher.flush(),
    onEnd: () => {
      log(`simulator: reached the end of the run at ${new Date(model.now()).toISOString()}`);
      void stopOnce().then(finished, finished);
    },
    // A model fault would recur on every tick; stop the clock and say so rather than spin.
    onError: (error) => log(`simulator: model stopped at ${new Date(model.now()).toISOString()}: ${error.stack ?? String(error)}`),
  });

  const stop = async (): Promise<void> => {
    stopClock();
    // A real-time run is caught up to now before the devices sign off; a paced one stops where it is.
    if (speed === 1 && durationSec === undefined) model.advanceTo(Date.now());
    model.shutdown();
    client.publish(presence, presencePayload('offline', 'simulator stopped'), { qos: 1, retain: true });
    await publisher.flush();
    await publisher.close();
    // end(false) lets in-flight QoS 1 messages finish before the DISCONNECT, so no will fires.
    await client.endAsync(false);
    await truthFile?.close();
    log(`simulator: stopped after ${publisher.published()} messages`);
  };
  const stopOnce = (): Promise<void> => (stopping ??= stop());
  return {
    stop: async () => {
      await stopOnce();
      finished();
    },
    published: () => publisher.published(),
    stats: () => model.stats(),
    simulatedNow: () => model.now(),
    done,
  };
}
