// `pnpm bench alerts`, end to end: a smoke detection published to the broker → the `alert`
// event on a signed-in socket.io client of the real console process, with and without a
// steady background of ordinary telemetry from a fleet in a process of its own.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ServerToClientEvents } from '@porttwin/contracts';
import { openDatabase } from '@porttwin/db';
import mqtt from 'mqtt';
import { io, type Socket } from 'socket.io-client';
import { signIn } from '../support/console-client';
import { startConsoleProcess } from '../support/console-process';
import { runLoad } from '../support/run-load';

const PASSWORD = 'bench-alerts-harbour-master';
const SITE = 'demo-port';
const RULE = 'smoke-or-fire';
/** How long a probe may wait for its alert before it counts as lost. */
export const PROBE_TIMEOUT_MS = 30_000;
/** The fleet runs this long before the first probe, so the probes meet a steady state. */
const WARMUP_MS = 5000;

export interface ProbeFigures {
  name: string;
  /** Publish → `alert` received, ms, one per probe that arrived, ascending. */
  latencies: number[];
  lost: number;
  /** Publish → received by the console's gateway (events.received_at), ms, ascending; null where the database is out of reach (embedded). */
  toGateway: number[] | null;
  /** Background messages/s as published (acknowledged by the broker), and as the console counted them stored. */
  publishedPerSec: number | null;
  storedPerSec: number | null;
}

export interface LatencyOptions {
  mqttUrl: string;
  /** PostgreSQL for the console; null = its embedded PGlite. */
  databaseUrl: string | null;
  probes: number;
  probeIntervalMs: number;
  ratePerSec: number;
  devices: number;
}

/** The console's count of messages stored so far, from /metrics. */
async function storedSoFar(url: string, token: string): Promise<number> {
  const metrics = await (await fetch(`${url}/metrics`, { headers: { authorization: `Bearer ${token}` } })).text();
  return Number(/porttwin_ingest_messages_total (\d+)/.exec(metrics)?.[1] ?? 0);
}

/**
 * Publishes one smoke detection per probe, each from a camera of its own so each raises a new
 * alert (one alert stays open per rule and asset and only counts up), every `intervalMs`
 * whatever the previous one's fate, and times each to its `alert` event.
 */
async function probe(
  mqttUrl: string,
  socket: Socket<ServerToClientEvents>,
  prefix: string,
  probes: number,
  intervalMs: number,
): Promise<{ latencies: number[]; lost: number; publishedAt: Map<string, number> }> {
  const publisher = await mqtt.connectAsync(mqttUrl, { clientId: `bench-alert-probe-${prefix}`, protocolVersion: 5, clean: true });
  const waiting = new Map<string, (receivedAt: number) => void>();
  const onAlert: ServerToClientEvents['alert'] = (alert) => {
    if (alert.rule === RULE && alert.state === 'raised') waiting.get(alert.assetId)?.(performance.now());
  };
  socket.on('alert', onAlert);
  const timings: Promise<number | null>[] = [];
  const publishedAt = new Map<string, number>();
  for (let index = 0; index < probes; index += 1) {
    const camera = `${prefix}-${index}`;
    const arrived = new Promise<number | null>((resolve) => {
      const timer = setTimeout(() => resolve(null), PROBE_TIMEOUT_MS);
      waiting.set(camera, (receivedAt) => {
        clearTimeout(timer);
        waiting.delete(camera);
        resolve(receivedAt);
      });
    });
    const started = performance.now();
    publishedAt.set(camera, Date.now());
    const payload = JSON.stringify({
      ts: Date.now(),
      seq: 0,
      type: 'detection',
      data: { label: 'smoke', confidence: 0.97, zone: 'bench' },
    });
    await publisher.publishAsync(`porttwin/v1/${SITE}/camera/${camera}/event`, payload, { qos: 1 });
    timings.push(arrived.then((receivedAt) => (receivedAt === null ? null : receivedAt - started)));
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
  const results = await Promise.all(timings);
  socket.off('alert', onAlert);
  await publisher.endAsync();
  const latencies = results.filter((ms): ms is number => ms !== null).sort((a, b) => a - b);
  return { latencies, lost: results.length - latencies.length, publishedAt };
}

/** Each probe's publish → its receipt by the console's gateway, read from the stored events. */
async function toGateway(databaseUrl: string | null, publishedAt: Map<string, number>): Promise<number[] | null> {
  if (databaseUrl === null) return null;
  const db = await openDatabase({ url: databaseUrl });
  try {
    const { rows } = await db.query<{ asset_id: string; received_ms: string | number }>(
      'SELECT asset_id, extract(epoch FROM received_at) * 1000 AS received_ms FROM events WHERE asset_id = ANY($1)',
      [[...publishedAt.keys()]],
    );
    return rows.map((row) => Number(row.received_ms) - publishedAt.get(row.asset_id)!).sort((a, b) => a - b);
  } finally {
    await db.close();
  }
}

/** One console on `options.databaseUrl`: the probe alone (the floor), then under the fleet's load. */
export async function measureAlertLatency(engineName: string, options: LatencyOptions): Promise<ProbeFigures[]> {
  const dataDir = mkdtempSync(join(tmpdir(), 'porttwin-bench-alerts-'));
  const console = await startConsoleProcess({
    DATA_DIR: dataDir,
    MQTT_URL: options.mqttUrl,
    PORTTWIN_ADMIN_PASSWORD: PASSWORD,
    SIMULATOR: 'off',
    ...(options.databaseUrl ? { DATABASE_URL: options.databaseUrl } : {}),
  });
  const token = await signIn(console.url, PASSWORD);
  const socket: Socket<ServerToClientEvents> = io(console.url, { auth: { token }, transports: ['websocket'] });
  try {
    await new Promise((resolve, reject) => {
      socket.once('snapshot', resolve);
      socket.once('connect_error', reject);
    });
    const idle = await probe(options.mqttUrl, socket, 'BENCH-IDLE', options.probes, options.probeIntervalMs);
    const floor: ProbeFigures = {
      name: `${engineName}, no background load`,
      latencies: idle.latencies,
      lost: idle.lost,
      toGateway: await toGateway(options.databaseUrl, idle.publishedAt),
      publishedPerSec: null,
      storedPerSec: null,
    };

    const probeMs = options.probes * options.probeIntervalMs;
    const count = Math.round((options.ratePerSec * (WARMUP_MS + probeMs + PROBE_TIMEOUT_MS / 10)) / 1000);
    const load = runLoad({ url: options.mqttUrl, count, devices: options.devices, site: SITE, ratePerSec: options.ratePerSec });
    await new Promise((resolve) => setTimeout(resolve, WARMUP_MS));
    const storedBefore = await storedSoFar(console.url, token);
    const probeStarted = performance.now();
    const loaded = await probe(options.mqttUrl, socket, 'BENCH-LOADED', options.probes, options.probeIntervalMs);
    const storedPerSec = ((await storedSoFar(console.url, token)) - storedBefore) / ((performance.now() - probeStarted) / 1000);
    const { published, elapsedMs } = await load;
    return [
      floor,
      {
        name: `${engineName}, ${options.ratePerSec} msg/s telemetry from ${options.devices} gates`,
        latencies: loaded.latencies,
        lost: loaded.lost,
        toGateway: await toGateway(options.databaseUrl, loaded.publishedAt),
        publishedPerSec: published / (elapsedMs / 1000),
        storedPerSec,
      },
    ];
  } finally {
    socket.close();
    await console.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
