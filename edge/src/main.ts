// `pnpm edge`: one gateway as its own process, for deployments with a real broker and
// database (several can share the load). Embedded PGlite belongs to the all-in-one console.
import { openDatabase, redact } from '@porttwin/db';
import pino from 'pino';
import { EdgeError } from './errors';
import { startGateway } from './gateway';

const log = pino({ name: 'edge' });
try {
  const mqttUrl = process.env.MQTT_URL;
  const databaseUrl = process.env.DATABASE_URL;
  if (!mqttUrl || !databaseUrl) {
    throw new EdgeError('EDGE_CONFIG_INVALID', 'a separate gateway needs MQTT_URL and DATABASE_URL (the embedded ones live in the console process)');
  }
  const db = await openDatabase({ url: databaseUrl });
  const gateway = await startGateway({
    mqttUrl,
    db,
    gatewayId: process.env.EDGE_GATEWAY_ID || 'porttwin-edge',
    topicFilter: process.env.EDGE_TOPIC_FILTER || 'porttwin/#',
    journalDir: process.env.EDGE_JOURNAL_DIR || `data/journal/${process.env.EDGE_GATEWAY_ID || 'porttwin-edge'}`,
    ...(process.env.EDGE_JOURNAL_MAX_BYTES ? { journalMaxBytes: Number(process.env.EDGE_JOURNAL_MAX_BYTES) } : {}),
    log,
  });
  log.info({ database: redact(databaseUrl) }, 'edge: storing device traffic');
  const stop = async () => {
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
