// The simulator's command line: parse options, read the site file, run until Ctrl-C.
import { parseCliOptions, USAGE } from './cli-options';
import { readSiteFile, startSimulator } from './index';

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
  const layout = readSiteFile(options.siteFile);
  const log = (line: string): void => void process.stderr.write(`${line}\n`);
  const simulator = await startSimulator({
    mqttUrl: options.mqttUrl,
    layout,
    telemetryIntervalMs: options.telemetryIntervalMs,
    truckArrivalsPerHour: options.truckArrivalsPerHour,
    seed: options.seed,
    qos: options.qos,
    log,
  });
  const progress = setInterval(() => {
    const stats = simulator.stats();
    log(`simulator: ${simulator.published()} messages published; ${stats.truckArrivals} trucks arrived, ${stats.trucksOnSite} on site`);
  }, PROGRESS_EVERY_MS);
  const shutdown = (signal: string): void => {
    log(`simulator: ${signal}, stopping`);
    clearInterval(progress);
    simulator.stop().then(
      () => process.exit(0),
      (error: Error) => {
        log(`simulator: stop failed: ${error.message}`);
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', () => shutdown('SIGINT'));
  process.once('SIGTERM', () => shutdown('SIGTERM'));
}

main().catch((error: Error) => {
  process.stderr.write(`${error.message}\n`);
  process.exitCode = 1;
});
