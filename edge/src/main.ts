// `pnpm edge`: one gateway as its own process, for deployments with a real broker and
// database (several can share the load). Embedded PGlite belongs to the all-in-one console.
import { openDatabase, redact } from '@porttwin/db';
import pino from 'pino';
import { readEdgeConfig } from './config';
import { startGateway } from './gateway';
import { readSiteLayout } from './site-file';

const STOP_DEADLINE_MS = 9_000;
const log = pino({ name: 'edge', level: process.env.LOG_LEVEL || 'info' });
try {
  const config = readEdgeConfig();
  const db = await openDatabase({ url: config.databaseUrl });
  const gateway = await startGateway({
    mqttUrl: config.mqttUrl,
    db,
    gatewayId: config.gatewayId,
    topicFilter: config.topicFilter,
    layout: config.siteFile ? readSiteLayout(config.siteFile) : null,
    journalDir: config.journalDir,
    ...(config.mqttCa ? { mqttOptions: { ca: config.mqttCa } } : {}),
    ...(config.journalMaxBytes === undefined ? {} : { journalMaxBytes: config.journalMaxBytes }),
    log,
  });
  // Said whatever the log level: operators and scripts wait for this line.
  process.stdout.write(`edge: storing device traffic as ${config.gatewayId} into ${redact(config.databaseUrl)}\n`);
  const stop = async () => {
    // gateway.stop() bounds itself (pending writes get 5 s); this is the last resort, so a
    // stop always ends within 10 s. What was acknowledged is already stored or journaled.
    setTimeout(() => {
      log.error(`edge: not stopped within ${STOP_DEADLINE_MS / 1000} s; exiting`);
      process.exit(1);
    }, STOP_DEADLINE_MS).unref();
    await gateway.stop();
    await db.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
} catch (error) {
  log.fatal((error as Error).message);
  process.exit(1);
}
