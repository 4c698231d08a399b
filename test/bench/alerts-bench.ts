// `pnpm bench alerts` (issue 10): publish → `alert` latency at the console's socket.io client,
// idle and under a steady telemetry load, on embedded PGlite and (when reachable) PostgreSQL;
// and the alert engine's own rate, rules evaluated per second.
import { loadavg } from 'node:os';
import { type Database, openDatabase } from '@porttwin/db';
import { createScratchDatabase, postgresReachable } from '@porttwin/db/testing';
import { startMosquitto } from '../support/mosquitto-instance';
import { measureAlertLatency, PROBE_TIMEOUT_MS, type ProbeFigures } from './alert-latency';
import { measureRuleRate, OBSERVATION_BATCH, type RuleRateFigures } from './alert-rule-rate';
import { machine } from './machine';

const DEVICES = 1000;
const AIM_P99_MS = 1000;

export interface AlertsBenchOptions {
  probes: number;
  probeIntervalMs: number;
  ratePerSec: number;
  observations: number;
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
const ms = (value: number) => (Number.isNaN(value) ? '–' : value.toFixed(0));
const rate = (value: number | null) => (value === null ? '' : String(Math.round(value)));

function latencyRow(figures: ProbeFigures): string {
  const { latencies } = figures;
  const toGateway = figures.toGateway ? `${ms(percentile(figures.toGateway, 50))} / ${ms(percentile(figures.toGateway, 99))}` : '';
  return `| ${figures.name} | ${latencies.length + figures.lost} | ${figures.lost} | ${ms(percentile(latencies, 50))} | ${ms(percentile(latencies, 99))} | ${ms(latencies.at(-1) ?? NaN)} | ${toGateway} | ${rate(figures.publishedPerSec)} | ${rate(figures.storedPerSec)} |`;
}

function ruleRow(name: string, figures: RuleRateFigures): string {
  return `| ${name} | ${figures.observations} | ${figures.rules} | ${figures.seconds.toFixed(2)} | ${Math.round(figures.observationsPerSec)} | ${Math.round(figures.rulesPerSec)} |`;
}

async function onPostgres<T>(use: (url: string) => Promise<T>): Promise<T> {
  const scratch = await createScratchDatabase();
  try {
    return await use(scratch.url);
  } finally {
    await scratch.drop();
  }
}

async function ruleRateOn(db: Database, observations: number): Promise<RuleRateFigures> {
  try {
    return await measureRuleRate(db, observations, DEVICES);
  } finally {
    await db.close();
  }
}

export async function runAlertsBench(options: AlertsBenchOptions): Promise<string> {
  // The machine may be shared (CI, other work): its load before and after says how far to trust a run.
  const loadBefore = loadavg()[0]!;
  const withPg = await postgresReachable();
  const mosquitto = await startMosquitto();
  const latency: ProbeFigures[] = [];
  try {
    const common = {
      mqttUrl: mosquitto.url,
      probes: options.probes,
      probeIntervalMs: options.probeIntervalMs,
      ratePerSec: options.ratePerSec,
      devices: DEVICES,
    };
    latency.push(...(await measureAlertLatency('embedded PGlite', { ...common, databaseUrl: null })));
    if (withPg) latency.push(...(await onPostgres((url) => measureAlertLatency('PostgreSQL 15', { ...common, databaseUrl: url }))));
  } finally {
    await mosquitto.dispose();
  }
  const rules = [ruleRow('PGlite', await ruleRateOn(await openDatabase(), options.observations))];
  if (withPg)
    rules.push(ruleRow('PostgreSQL 15', await onPostgres(async (url) => ruleRateOn(await openDatabase({ url }), options.observations))));

  const loadAfter = loadavg()[0]!;
  const loaded = latency.filter((figures) => figures.publishedPerSec !== null);
  const missed = loaded.filter((figures) => figures.lost > 0 || percentile(figures.latencies, 99) > AIM_P99_MS);
  return [
    `## alerts — ${new Date().toISOString()}`,
    '',
    `Machine: ${machine()}; 1-min load average ${loadBefore.toFixed(1)} before the run, ${loadAfter.toFixed(1)} after. Command: \`pnpm bench alerts --probes ${options.probes} --probe-interval-ms ${options.probeIntervalMs} --rate ${options.ratePerSec} --observations ${options.observations}\`. Broker: the machine's Mosquitto with edge/mosquitto/porttwin.conf; the console is the real process (server/src/main.ts, MQTT_URL at that broker, the harbour port's shipped alert rules, simulator off) with one signed-in socket.io client. Probe: ${options.probes} smoke detections at QoS 1, one every ${options.probeIntervalMs} ms, each from a camera of its own so each raises a new \`smoke-or-fire\` alert; latency is publish → that alert's \`alert\` event at the client (lost: no alert within ${PROBE_TIMEOUT_MS / 1000} s of its publish). Load: QoS 1 gate telemetry round-robin over ${DEVICES} devices from a separate process, paced at ${options.ratePerSec} msg/s, running from 5 s before the first probe to after the last; published = acknowledged by the broker over the load's run, stored = the console's porttwin_ingest_messages_total over the probes. Publish → gateway: the probe's publish (wall clock) to the received_at its event was stored with, read from PostgreSQL (PGlite is inside the console, out of reach); the rest is storing, the alert feed's read, the engine and the push.`,
    '',
    '| console database, load | probes | lost | p50 ms | p99 ms | max ms | of which publish → gateway, p50 / p99 ms | load published msg/s | load stored msg/s |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    ...latency.map(latencyRow),
    '',
    `Rules evaluated per second: AlertEngine (server/src/alerts) in process with the shipped rules over a fresh database, handed ${options.observations} observations ${OBSERVATION_BATCH} at a time as fast as it takes them (9 in 10 a gate's telemetry, 1 in 10 a camera's person_in_zone detection; none raises an alert); rules evaluated = observations × rules in force.`,
    '',
    '| database | observations | rules | seconds | observations/s | rules evaluated/s |',
    '| --- | ---: | ---: | ---: | ---: | ---: |',
    ...rules,
    '',
    `Aim: p99 ≤ ${AIM_P99_MS} ms at ${options.ratePerSec} msg/s — ${missed.length === 0 ? 'met' : `missed by ${missed.map((figures) => `${figures.name} (p99 ${ms(percentile(figures.latencies, 99))} ms, ${figures.lost} lost)`).join('; ')}`}.`,
    '',
  ].join('\n');
}
