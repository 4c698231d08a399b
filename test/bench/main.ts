// `pnpm bench <name> [options]`: runs one benchmark and appends its figures, the machine and
// the command to BENCHMARKS.md. Each benchmark is one entry below, returning its section (or
// null when it appends its own).
import { appendFileSync, existsSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { runAlertsBench } from './alerts-bench';
import { runForecastBench } from './forecast-bench';
import { benchIngest, type IngestFigures } from './ingest-bench';
import { runKpisBench } from './kpis-section';
import { machine } from './machine';

const BENCHMARKS_FILE = fileURLToPath(new URL('../../BENCHMARKS.md', import.meta.url));

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    messages: { type: 'string', default: '100000' },
    rounds: { type: 'string', default: '3' },
    seeds: { type: 'string', default: '101,102,103' },
    days: { type: 'string', default: '7' },
    'pglite-days': { type: 'string', default: '1' },
    'timescale-days': { type: 'string', default: '1' },
    seed: { type: 'string', default: '1' },
    'telemetry-sec': { type: 'string', default: '60' },
    probes: { type: 'string', default: '150' },
    'probe-interval-ms': { type: 'string', default: '250' },
    rate: { type: 'string', default: '10000' },
    observations: { type: 'string', default: '200000' },
    fresh: { type: 'boolean', default: false },
    help: { type: 'boolean', default: false },
  },
});

function positiveInteger(name: keyof typeof values, min = 1): number {
  const value = Number(values[name]);
  if (!Number.isInteger(value) || value < min) {
    console.error(`bench: --${name} must be an integer ≥ ${min}, got "${values[name]}"`);
    process.exit(2);
  }
  return value;
}

async function ingest(): Promise<string> {
  const messages = positiveInteger('messages');
  const rounds = positiveInteger('rounds');
  const figures = await benchIngest(messages, rounds);
  const ceiling = figures[0]!;
  const table = figures.map(
    (figure: IngestFigures) =>
      `| ${figure.name} | ${figure.messages} | ${figure.seconds.toFixed(2)} | ${Math.round(figure.perSecond)} | ${(figure.perSecond / ceiling.perSecond).toFixed(2)} |`,
  );
  return [
    `## ingest — ${new Date().toISOString()}`,
    '',
    `Machine: ${machine()}. Command: \`pnpm bench ingest --messages ${messages} --rounds ${rounds}\` (median of ${rounds} interleaved rounds). Broker: the machine's Mosquitto binary with edge/mosquitto/porttwin.conf; 1000 devices; load published at QoS 1 from a separate process, 2000 unacknowledged at a time. Ceiling: the same load taken by a bare MQTT.js subscriber.`,
    '',
    '| path | messages | seconds | msg/s | × ceiling |',
    '| --- | ---: | ---: | ---: | ---: |',
    ...table,
    '',
  ].join('\n');
}

async function kpis(): Promise<string> {
  return runKpisBench({
    days: positiveInteger('days'),
    pgliteDays: positiveInteger('pglite-days', 0),
    timescaleDays: positiveInteger('timescale-days', 0),
    seed: positiveInteger('seed'),
    telemetrySec: positiveInteger('telemetry-sec'),
    fresh: values.fresh,
  });
}

function alerts(): Promise<string> {
  return runAlertsBench({
    probes: positiveInteger('probes'),
    probeIntervalMs: positiveInteger('probe-interval-ms'),
    ratePerSec: positiveInteger('rate'),
    observations: positiveInteger('observations'),
  });
}

const BENCHMARKS: Record<string, { usage: string; run: () => Promise<string | null> }> = {
  ingest: { usage: 'ingest [--messages 100000] [--rounds 3]   QoS 1 messages/s stored durably, medians of rounds', run: ingest },
  kpis: {
    usage:
      'kpis [--days 7] [--pglite-days 1] [--timescale-days 1] [--seed 1] [--telemetry-sec 60] [--fresh]   KPI and clearance queries over a simulated week, journey building against ingest',
    run: kpis,
  },
  alerts: {
    usage:
      'alerts [--probes 150] [--probe-interval-ms 250] [--rate 10000] [--observations 200000]   publish → socket.io alert latency under telemetry load; rules evaluated/s',
    run: alerts,
  },
  forecast: {
    usage: 'forecast [--seeds 101,102,103]   the gate forecast against the simulator (docs/forecast.md)',
    run: async () => {
      await runForecastBench(values.seeds);
      return null;
    },
  },
};

const usage = () => Object.values(BENCHMARKS).map((bench) => `pnpm bench ${bench.usage}`);
if (values.help) {
  console.log(usage().join('\n'));
  process.exit(0);
}
const which = positionals[0] ?? 'ingest';
const bench = BENCHMARKS[which];
if (!bench) {
  console.error(`bench: unknown benchmark "${which}"; known: ${Object.keys(BENCHMARKS).join(', ')}`);
  process.exit(2);
}
const section = await bench.run();
if (section === null) process.exit(0);
if (!existsSync(BENCHMARKS_FILE)) writeFileSync(BENCHMARKS_FILE, '# Benchmarks\n\nAppended by `pnpm bench`; newest last.\n\n');
appendFileSync(BENCHMARKS_FILE, `${section}\n`);
console.log(section);
