// `pnpm bench forecast`: the gate forecast's error against the simulator on seeds it was not
// tuned on (a normal day each), and its lane advice followed through `morning-peak`; the
// figures as a BENCHMARKS.md section. Needs the machine's PostgreSQL (a week of the default
// site through writeIngestBatch: a simulated day took 5.5 s there, 11 s on PGlite).
import { appendFileSync, existsSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { fileURLToPath } from 'node:url';
import { postgresReachable } from '@porttwin/db/testing';
import { DEFAULT_TARGET_WAIT_SEC, kpiSite, readTargetsFile, targetsFileBeside } from '@porttwin/server';
import { DEFAULT_SITE_FILE, readSiteFile } from '@porttwin/simulator';
import { HISTORY_DAYS, LANE_MIN_ARRIVALS, measureDay, SITE_MIN_ARRIVALS, TELEMETRY_MS, type DayErrors } from './forecast-accuracy';
import { measureMorningPeak, type PeakFigures } from './forecast-advice';
import { ErrorTally } from './forecast-truth';

/** Seeds the model was developed and tuned on; the bench refuses them, so its figures stay out-of-sample. */
export const DEVELOPMENT_SEEDS = [1, 2];
export const DEFAULT_SEEDS = [101, 102, 103];
/** The evaluation day (site local date) and the morning peak's start on it. */
export const EVALUATION_DAY = '2026-11-23';
export const PEAK_START_LOCAL = '06:00';

const pct = (value: number | null) => (value === null ? '–' : `${(value * 100).toFixed(1)} %`);
const sec = (value: number | null) => (value === null ? '–' : `${Math.round(value)} s`);

function arrivalRows(label: string, tally: ErrorTally, minActual: number): string {
  const mape = tally.mape(minActual);
  return `| ${label} | ${pct(mape.value)} (${mape.count}) | ${pct(tally.wape())} | ${tally.bias()?.toFixed(2) ?? '–'} |`;
}

function daySection(days: readonly DayErrors[]): string[] {
  const site = ErrorTally.merge(days.map((d) => d.site));
  const oracle = ErrorTally.merge(days.map((d) => d.oracle));
  const laneIds = [...days[0]!.lanes.keys()];
  const lanes = laneIds.map((id) => [id, ErrorTally.merge(days.map((d) => d.lanes.get(id)!))] as const);
  const allLanes = ErrorTally.merge(lanes.map(([, tally]) => tally));
  const wait = ErrorTally.merge(days.map((d) => d.wait));
  return [
    `Normal day (${EVALUATION_DAY}, local), forecast at each of its 96 quarter hours for the next 4, per seed:`,
    '',
    '| seed | site arrivals MAPE | WAPE | lanes MAPE | lanes WAPE | wait MAE | seconds |',
    '| ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    ...days.map(
      (d) =>
        `| ${d.seed} | ${pct(d.site.mape(SITE_MIN_ARRIVALS).value)} | ${pct(d.site.wape())} | ${pct(ErrorTally.merge([...d.lanes.values()]).mape(LANE_MIN_ARRIVALS).value)} | ${pct(ErrorTally.merge([...d.lanes.values()]).wape())} | ${sec(d.wait.mae())} | ${d.seconds.toFixed(0)} |`,
    ),
    '',
    `All seeds together (MAPE over quarters with ≥ ${SITE_MIN_ARRIVALS} actual arrivals for the site, ≥ ${LANE_MIN_ARRIVALS} for a lane; the count of such quarters in brackets; WAPE over all; bias = mean forecast − actual, trucks a quarter):`,
    '',
    '| series | MAPE (quarters) | WAPE | bias |',
    '| --- | ---: | ---: | ---: |',
    arrivalRows('site', site, SITE_MIN_ARRIVALS),
    ...[0, 1, 2, 3].map((lead) =>
      arrivalRows(`site, quarter starting +${lead * 15} min`, ErrorTally.merge(days.map((d) => d.byLead[lead]!)), SITE_MIN_ARRIVALS),
    ),
    arrivalRows('site, knowing the true rate (Poisson floor)', oracle, SITE_MIN_ARRIVALS),
    arrivalRows('every lane', allLanes, LANE_MIN_ARRIVALS),
    ...lanes.map(([id, tally]) => arrivalRows(id, tally, LANE_MIN_ARRIVALS)),
    '',
    `Wait (the site's expected wait against the mean arrival → booth start of the quarter's trucks): MAE ${sec(wait.mae())}, bias ${sec(wait.bias())}; quarters with an actual mean wait ≥ 60 s: ${wait.mape(60).count}.`,
    '',
  ];
}

function peakSection(peaks: readonly PeakFigures[]): string[] {
  const rows = peaks.flatMap((peak) =>
    peak.runs.map(
      (run) =>
        `| ${peak.seed} | ${run.name} | ${run.lanesAtStart} → ${run.lanesAtEnd} | ${run.changes.filter((c) => c.at > peak.start).length} | ${run.laneHours.toFixed(1)} | ${run.arrivals} | ${run.balked} | ${sec(run.meanWaitSec)} | ${sec(run.worstQuarterWaitSec)} | ${pct(run.overTarget)} | ${run.worstQuarterWaitSec <= peak.targetWaitSec ? 'yes' : 'no'} |`,
    ),
  );
  const waits = peaks.flatMap((peak) => peak.runs.flatMap((run) => (run.wait ? [[peak.seed, run.name, run.wait] as const] : [])));
  return [
    `\`morning-peak\` from ${PEAK_START_LOCAL} local on ${EVALUATION_DAY} (arrivals 2.5× from 06:05 to 07:35), target gate wait ${peaks[0]?.targetWaitSec ?? DEFAULT_TARGET_WAIT_SEC} s; the forecast asked a minute in and every 5 minutes after, advice acted on when given (open: the lowest-numbered closed lanes; close: the highest-numbered open ones); waits from the truth, arrival → booth start, of trucks arriving in the 3 hours:`,
    '',
    '| seed | lanes | open at start → end | changes after start | lane-hours | arrivals | balked | mean wait | worst quarter | trucks over target | worst quarter under target |',
    '| ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |',
    ...rows,
    '',
    ...peaks.map((peak) => `- seed ${peak.seed}: advice at the start: "${peak.adviceAtStart}"; ${peak.seconds.toFixed(0)} s.`),
    '',
    'The forecast wait against the actual in the runs whose lanes did not change after the start (every quarter forecast, all four leads):',
    '',
    '| seed | lanes | wait MAE | bias | MAPE, quarters with ≥ 60 s actual |',
    '| ---: | --- | ---: | ---: | ---: |',
    ...waits.map(
      ([seed, name, tally]) =>
        `| ${seed} | ${name} | ${sec(tally.mae())} | ${sec(tally.bias())} | ${pct(tally.mape(60).value)} (${tally.mape(60).count}) |`,
    ),
    '',
  ];
}

/** Runs the protocol on `seeds` and gives the BENCHMARKS.md section's lines after its heading. */
export async function benchForecast(seeds: readonly number[], log: (line: string) => void): Promise<string[]> {
  const tuned = seeds.filter((seed) => DEVELOPMENT_SEEDS.includes(seed));
  if (tuned.length > 0) throw new Error(`bench: seeds ${tuned.join(', ')} were used to develop the forecast; pick others`);
  if (!(await postgresReachable())) throw new Error('bench: the forecast bench needs the machine PostgreSQL (TEST_DATABASE_URL)');
  const layout = readSiteFile(DEFAULT_SITE_FILE);
  const site = kpiSite(layout, readTargetsFile(targetsFileBeside(DEFAULT_SITE_FILE), layout.site));
  const target = site.targets.targets.gateWaitSec?.target ?? DEFAULT_TARGET_WAIT_SEC;
  const offset = `+${String(site.utcOffsetMs / 3_600_000).padStart(2, '0')}:00`;
  const dayStart = Date.parse(`${EVALUATION_DAY}T00:00:00${offset}`);
  const peakStart = Date.parse(`${EVALUATION_DAY}T${PEAK_START_LOCAL}:00${offset}`);
  const days: DayErrors[] = [];
  const peaks: PeakFigures[] = [];
  for (const seed of seeds) {
    days.push(await measureDay(layout, site, seed, dayStart, target));
    log(`bench: seed ${seed}: normal day done (${days.at(-1)!.seconds.toFixed(0)} s)`);
    peaks.push(await measureMorningPeak(layout, site, seed, peakStart, target));
    log(`bench: seed ${seed}: morning peak done (${peaks.at(-1)!.seconds.toFixed(0)} s)`);
  }
  return [
    `Site: ${layout.site} (${DEFAULT_SITE_FILE.split('/').slice(-1)[0]}), ${[...site.laneDirections.values()].filter((d) => d === 'in').length} inbound lanes. Seeds ${seeds.join(', ')} (the forecast was developed on ${DEVELOPMENT_SEEDS.join(' and ')}). Per seed: ${HISTORY_DAYS} days of the model's history (and 2 h before), then the day; the model runs whole, but only the inbound lanes' events and telemetry (every ${TELEMETRY_MS / 1000} s) are stored, through writeIngestBatch on PostgreSQL, as the gateway would; each forecast sees only what was stored up to its instant. Truth: the model's truck records (balked trucks, which never joined a lane, are not arrivals).`,
    '',
    ...daySection(days),
    ...peakSection(peaks),
  ];
}

const BENCHMARKS_FILE = fileURLToPath(new URL('../../BENCHMARKS.md', import.meta.url));

/** `pnpm bench forecast [--seeds a,b,c]`: runs the bench and appends its section to BENCHMARKS.md. */
export async function runForecastBench(seedList: string): Promise<void> {
  const seeds = seedList.split(',').map(Number);
  if (seeds.length === 0 || !seeds.every((seed) => Number.isInteger(seed) && seed > 0)) {
    throw new Error(`bench: --seeds must be positive integers separated by commas, got "${seedList}"`);
  }
  const started = performance.now();
  const lines = await benchForecast(seeds, (line) => console.log(line));
  const machine = `${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}, PostgreSQL at 127.0.0.1`;
  const section = [
    `## forecast — ${new Date().toISOString()}`,
    '',
    `Machine: ${machine}. Command: \`pnpm bench forecast --seeds ${seeds.join(',')}\` (${((performance.now() - started) / 60_000).toFixed(1)} min). Method: docs/forecast.md, "Measured error".`,
    '',
    ...lines,
  ].join('\n');
  if (!existsSync(BENCHMARKS_FILE)) writeFileSync(BENCHMARKS_FILE, '# Benchmarks\n\nAppended by `pnpm bench`; newest last.\n\n');
  appendFileSync(BENCHMARKS_FILE, `${section}\n`);
  console.log(section);
}
