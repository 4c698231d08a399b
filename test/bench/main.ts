// `pnpm bench [ingest] [--messages N]`: runs benchmarks and appends the figures, the machine
// and the command to BENCHMARKS.md.
import { appendFileSync, existsSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { runForecastBench } from './forecast-bench';
import { benchIngest, type IngestFigures } from './ingest-bench';

const BENCHMARKS_FILE = fileURLToPath(new URL('../../BENCHMARKS.md', import.meta.url));

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    messages: { type: 'string', default: '100000' },
    rounds: { type: 'string', default: '3' },
    seeds: { type: 'string', default: '101,102,103' },
    help: { type: 'boolean', default: false },
  },
});
if (values.help) {
  console.log('pnpm bench [ingest] [--messages N] [--rounds R]   (default: ingest, 100000 messages, 3 rounds, medians)');
  console.log('pnpm bench forecast [--seeds 101,102,103]           (the gate forecast against the simulator; docs/forecast.md)');
  process.exit(0);
}
const which = positionals[0] ?? 'ingest';
if (which === 'forecast') {
  await runForecastBench(values.seeds);
  process.exit(0);
}
if (which !== 'ingest') {
  console.error(`bench: unknown benchmark "${which}"; known: ingest, forecast`);
  process.exit(2);
}
const messages = Number(values.messages);
if (!Number.isInteger(messages) || messages <= 0) {
  console.error(`bench: --messages must be a positive integer, got "${values.messages}"`);
  process.exit(2);
}

const rounds = Number(values.rounds);
if (!Number.isInteger(rounds) || rounds <= 0) {
  console.error(`bench: --rounds must be a positive integer, got "${values.rounds}"`);
  process.exit(2);
}
const figures = await benchIngest(messages, rounds);
const ceiling = figures[0]!;
const machine = `${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}`;
const table = figures.map(
  (figure: IngestFigures) =>
    `| ${figure.name} | ${figure.messages} | ${figure.seconds.toFixed(2)} | ${Math.round(figure.perSecond)} | ${(figure.perSecond / ceiling.perSecond).toFixed(2)} |`,
);
const section = [
  `## ingest — ${new Date().toISOString()}`,
  '',
  `Machine: ${machine}. Command: \`pnpm bench ingest --messages ${messages} --rounds ${rounds}\` (median of ${rounds} interleaved rounds). Broker: the machine's Mosquitto binary with edge/mosquitto/porttwin.conf; 1000 devices; load published at QoS 1 from a separate process, 2000 unacknowledged at a time. Ceiling: the same load taken by a bare MQTT.js subscriber.`,
  '',
  '| path | messages | seconds | msg/s | × ceiling |',
  '| --- | ---: | ---: | ---: | ---: |',
  ...table,
  '',
].join('\n');
if (!existsSync(BENCHMARKS_FILE)) writeFileSync(BENCHMARKS_FILE, '# Benchmarks\n\nAppended by `pnpm bench`; newest last.\n\n');
appendFileSync(BENCHMARKS_FILE, `${section}\n`);
console.log(section);
