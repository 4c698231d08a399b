// Load mode, for benchmarks: synthetic telemetry from thousands of devices at a target
// aggregate message rate, multiplexed over a few connections. It models nothing; it exists to
// find out how much the broker, the edge and the database take. Devices publish telemetry only
// (no retained statuses, so a benchmark leaves nothing behind on the broker).
import { type AssetKind, REQUIRED_METRICS, deviceTopic } from '@porttwin/contracts';
import type { MqttClient } from 'mqtt';
import { connectBroker } from './device-publisher';
import { Random } from './random';

export interface LoadOptions {
  mqttUrl: string;
  /** A PEM CA to trust, for an mqtts:// broker whose certificate no public CA signed. */
  mqttCa?: Buffer;
  /** How many devices to imitate. */
  devices: number;
  /** Target messages per second across all devices. */
  ratePerSec: number;
  /** Stop after this many seconds (default: until stop()). */
  durationSec?: number;
  qos?: 0 | 1;
  /** The site in the topics (default "load-test"). */
  site?: string;
  /** Connections to spread the devices over (default 2). */
  connections?: number;
  clientId?: string;
  seed?: number;
  /** Progress lines (achieved rate) every progressEveryMs (default 5000). */
  log?: (line: string) => void;
  progressEveryMs?: number;
}

export interface LoadStats {
  sent: number;
  published: number;
  failed: number;
  elapsedMs: number;
  /** Messages acknowledged per second since the start. */
  achievedRate: number;
}

export interface RunningLoad {
  stop(): Promise<LoadStats>;
  published(): number;
  stats(): LoadStats;
  /** Resolves (with the final stats) when durationSec is over, or after stop(). */
  done: Promise<LoadStats>;
}

// The mix of a real port's device population: mostly trucks, cameras and yard equipment.
const KIND_MIX: readonly AssetKind[] = ['truck', 'truck', 'truck', 'camera', 'camera', 'yc', 'gate', 'rpm', 'qc', 'scanner', 'vessel'];
const TICK_MS = 10;
// Unacknowledged messages per connection beyond which the generator waits (it then falls short
// of the target, and says so, rather than queue without bound).
const MAX_IN_FLIGHT = 2_000;

/** Starts publishing; resolves once every connection is up. */
export async function startLoad(options: LoadOptions): Promise<RunningLoad> {
  const { devices, ratePerSec } = options;
  if (!(Number.isInteger(devices) && devices > 0)) throw new Error(`simulator: load devices must be a positive integer, got ${devices}`);
  if (!(ratePerSec > 0)) throw new Error(`simulator: load rate must be positive, got ${ratePerSec}`);
  const site = options.site ?? 'load-test';
  const qos = options.qos ?? 0;
  const log = options.log ?? (() => {});
  const connectionCount = Math.max(1, Math.min(options.connections ?? 2, devices));
  const prefix = options.clientId ?? `porttwin-load-${process.pid}`;
  const clients: MqttClient[] = [];
  try {
    for (let i = 0; i < connectionCount; i++)
      clients.push(
        await connectBroker(options.mqttUrl, {
          clientId: `${prefix}-${i}`,
          clean: true,
          ...(options.mqttCa ? { ca: options.mqttCa } : {}),
        }),
      );
  } catch (error) {
    await Promise.all(clients.map((client) => client.endAsync(true)));
    throw error;
  }
  const random = new Random(options.seed ?? 1);
  const kinds = Array.from({ length: devices }, (_, i) => KIND_MIX[i % KIND_MIX.length] as AssetKind);
  const topics = kinds.map((kind, i) => deviceTopic(site, kind, `LOAD-${String(i + 1).padStart(6, '0')}`, 'telemetry'));
  const seqs = new Uint32Array(devices);
  const inFlight = new Array<number>(connectionCount).fill(0);
  let sent = 0;
  let published = 0;
  let failed = 0;
  let next = 0;
  const startedAt = Date.now();

  const publishOne = (): boolean => {
    const device = next;
    const connection = device % connectionCount;
    if ((inFlight[connection] as number) >= MAX_IN_FLIGHT) return false;
    next = (next + 1) % devices;
    const metrics: Record<string, number> = {};
    for (const name of REQUIRED_METRICS[kinds[device] as AssetKind]) metrics[name] = Math.round(random.next() * 1000) / 10;
    const seq = ++seqs[device]!;
    const payload = JSON.stringify({ ts: Date.now(), seq, metrics });
    inFlight[connection]!++;
    sent++;
    (clients[connection] as MqttClient).publish(topics[device] as string, payload, { qos }, (error) => {
      inFlight[connection]!--;
      if (error) failed++;
      else published++;
    });
    return true;
  };

  const stats = (): LoadStats => {
    const elapsedMs = Date.now() - startedAt;
    return { sent, published, failed, elapsedMs, achievedRate: elapsedMs > 0 ? (published * 1000) / elapsedMs : 0 };
  };
  // Token bucket on the wall clock: each tick sends what the target rate owes so far.
  const ticker = setInterval(() => {
    const owed = Math.floor(((Date.now() - startedAt) * ratePerSec) / 1000) - sent;
    for (let i = 0; i < owed; i++) if (!publishOne()) break;
  }, TICK_MS);
  let lastPublished = 0;
  let lastAt = startedAt;
  const progress = setInterval(() => {
    const now = Date.now();
    const rate = ((published - lastPublished) * 1000) / Math.max(1, now - lastAt);
    log(
      `load: ${published} published (${Math.round(rate)} msg/s now, target ${ratePerSec}) from ${devices} devices on ${connectionCount} connections; ${failed} failed`,
    );
    lastPublished = published;
    lastAt = now;
  }, options.progressEveryMs ?? 5000);

  let stopping: Promise<LoadStats> | null = null;
  let finish: (stats: LoadStats) => void = () => {};
  const done = new Promise<LoadStats>((resolve) => (finish = resolve));
  const stop = (): Promise<LoadStats> =>
    (stopping ??= (async () => {
      clearInterval(ticker);
      clearInterval(progress);
      const final = stats();
      // Let the acks of what was sent arrive, then hang up cleanly.
      await Promise.all(clients.map((client) => client.endAsync(false)));
      const settled = { ...stats(), elapsedMs: final.elapsedMs, achievedRate: (published * 1000) / Math.max(1, final.elapsedMs) };
      log(
        `load: done: ${settled.published} published in ${(settled.elapsedMs / 1000).toFixed(1)} s (${Math.round(settled.achievedRate)} msg/s, target ${ratePerSec})`,
      );
      finish(settled);
      return settled;
    })());
  if (options.durationSec !== undefined) setTimeout(() => void stop(), options.durationSec * 1000);
  return { stop, published: () => published, stats, done };
}
