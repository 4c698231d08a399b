// The simulator's command line: parse options, read the site, flow and scenario files, run
// the model (or the load generator) with a progress line, until Ctrl-C or the end of the run.
import { readFileSync } from 'node:fs';
import { parseCliOptions, USAGE } from './cli-options';
import { DEFAULT_FLOW } from './config/flow-config';
import { readFlowFile } from './config/flow-file';
import { readScenarioFile } from './config/scenario';
import { readSiteFile, scenarioFile, startLoad, startSimulator } from './index';

const PROGRESS_EVERY_MS = 5000;

async function main(): Promise<void> {
  const parsed = parseCliOptions(process.argv.slice(2), process.env);
  if (parsed.help) {
    process.stdout.write(USAGE);
    return;
  }
  if ('error' in parsed) {
    process.stderr.write(`simulator: ${parsed.error}\n\n${USAGE}`);
    process.exitCode = 2;
    return;
  }
  const { options } = parsed;
  let mqttCa: Buffer | undefined;
  if (options.mqttCaFile) {
    try {
      mqttCa = readFileSync(options.mqttCaFile);
    } catch (error) {
      process.stderr.write(`simulator: --mqtt-ca (MQTT_CA_FILE) "${options.mqttCaFile}" cannot be read: ${(error as Error).message}\n`);
      process.exitCode = 2;
      return;
    }
  }
  const log = (line: string): void => void process.stderr.write(`${line}\n`);
  const onSignals = (stop: () => Promise<unknown>): void => {
    const shutdown = (signal: string): void => {
      log(`simulator: ${signal}, stopping`);
      stop().then(
        () => process.exit(0),
        (error: Error) => {
          log(`simulator: stop failed: ${error.message}`);
          process.exit(1);
        },
      );
    };
    process.once('SIGINT', () => shutdown('SIGINT'));
    process.once('SIGTERM', () => shutdown('SIGTERM'));
  };

  if (options.load) {
    const load = await startLoad({
      mqttUrl: options.mqttUrl,
      mqttCa,
      ...options.load,
      durationSec: options.durationSec,
      qos: options.qos,
      seed: options.seed,
      log,
    });
    onSignals(() => load.stop());
    await load.done;
    return;
  }

  const layout = readSiteFile(options.siteFile);
  const flow = options.flowFile ? readFlowFile(options.flowFile) : DEFAULT_FLOW;
  const scenario = options.scenario ? readScenarioFile(scenarioFile(options.scenario), layout) : undefined;
  const simulator = await startSimulator({
    mqttUrl: options.mqttUrl,
    mqttCa,
    layout,
    flow,
    scenario,
    telemetryIntervalMs: options.telemetryIntervalMs,
    truckArrivalsPerHour: options.truckArrivalsPerHour,
    seed: options.seed,
    qos: options.qos,
    speed: options.speed,
    durationSec: options.durationSec,
    startMs: options.startMs,
    truthFile: options.truthFile ?? undefined,
    connections: options.connections,
    log,
  });
  if (scenario) log(`simulator: scenario "${scenario.name}": ${scenario.description ?? ''}`);
  let lastPublished = 0;
  let lastAt = Date.now();
  const progress = setInterval(() => {
    const stats = simulator.stats();
    const now = Date.now();
    const rate = ((simulator.published() - lastPublished) * 1000) / Math.max(1, now - lastAt);
    [lastPublished, lastAt] = [simulator.published(), now];
    log(
      `simulator: ${new Date(simulator.simulatedNow()).toISOString()} | ${simulator.published()} published (${Math.round(rate)}/s) | ` +
        `trucks ${stats.truckArrivals} arrived, ${stats.trucksOnSite} on site, ${stats.trucksTurnedAway} turned away | ships alongside ${stats.vesselsAlongside}`,
    );
  }, PROGRESS_EVERY_MS);
  onSignals(() => simulator.stop());
  await simulator.done;
  clearInterval(progress);
}

main().catch((error: Error) => {
  process.stderr.write(`${error.message}\n`);
  process.exitCode = 1;
});
