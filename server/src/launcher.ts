// The all-in-one console: embedded broker and database unless given real ones, an edge
// gateway, the simulator and the server, all in this one process. One process owns the
// embedded database, so every piece here shares that single instance.
import { type Database, openDatabase, redact } from '@porttwin/db';
import { type RunningGateway, startGateway } from '@porttwin/edge';
import { readSiteFile, type RunningSimulator, startSimulator } from '@porttwin/simulator';
import { join } from 'node:path';
import pino from 'pino';
import { type App, buildApp } from './app';
import type { ServerConfig } from './config';
import { type EmbeddedBroker, startEmbeddedBroker } from './embedded/broker';
import { LOG_REDACTION } from './log-redaction';

export interface RunningConsole {
  url: string;
  mqttUrl: string;
  app: App;
  stop(): Promise<void>;
}

/** Starts every piece the config asks for; stop() shuts them down in reverse order. */
export async function startConsole(config: ServerConfig, announce: (line: string) => void = console.log): Promise<RunningConsole> {
  const log = pino({
    name: 'porttwin',
    level: config.logLevel,
    redact: LOG_REDACTION,
    ...(config.prettyLogs ? { transport: { target: 'pino-pretty', options: { ignore: 'pid,hostname,name' } } } : {}),
  });
  const site = readSiteFile(config.siteFile);
  const stops: (() => Promise<void>)[] = [];
  const stopAll = async () => {
    for (const stop of stops.reverse()) await stop().catch((error: Error) => log.error({ err: error }, 'server: shutdown step failed'));
  };
  try {
    let broker: EmbeddedBroker | null = null;
    if (config.mqttUrl === null) {
      broker = await startEmbeddedBroker(config.mqttPort);
      stops.push(() => broker!.close());
    }
    const mqttUrl = config.mqttUrl ?? broker!.url;

    const db: Database = await openDatabase(config.databaseUrl ? { url: config.databaseUrl } : { dataDir: config.dataDir });
    stops.push(() => db.close());

    let adminCreated = false;
    let gateway: RunningGateway | null = null;
    if (config.edge) {
      gateway = await startGateway({
        mqttUrl, db, gatewayId: config.edgeGatewayId, topicFilter: config.edgeTopicFilter, log: log.child({ piece: 'edge' }),
        // aedes speaks MQTT 3.1.1 only.
        protocolVersion: broker ? 4 : 5,
        // An embedded database lives in this process, so only a real one can be away.
        ...(config.databaseUrl ? { journalDir: join(config.dataDir, 'journal', config.edgeGatewayId) } : {}),
      });
      stops.push(() => gateway!.stop());
    }

    const app = await buildApp({
      db,
      site,
      adminPassword: config.adminPassword,
      kpiIntervalMs: config.kpiIntervalMs,
      logger: log.child({ piece: 'server' }),
      ...(gateway ? { gatewayStats: () => gateway!.stats() } : {}),
      onAdminCreated: (username, password, generated) => {
        adminCreated = true;
        announce(generated
          ? `First start: sign in as "${username}" with password ${password} (shown once; set PORTTWIN_ADMIN_PASSWORD to choose it).`
          : `First start: sign in as "${username}" with the password in PORTTWIN_ADMIN_PASSWORD.`);
      },
    });
    stops.push(() => app.close());
    await app.listen({ port: config.port, host: config.host });
    const address = app.server.address();
    const port = typeof address === 'object' && address ? address.port : config.port;
    const url = `http://localhost:${port}`;

    let simulator: RunningSimulator | null = null;
    if (config.simulator) {
      simulator = await startSimulator({ mqttUrl, layout: site, log: (line) => log.info({ piece: 'simulator' }, line) });
      stops.push(() => simulator!.stop());
    }

    announce(`PortTwin console: ${url}`);
    if (!adminCreated) announce('  sign in as "admin" with the password set on the first start (PORTTWIN_ADMIN_PASSWORD, or the one printed then)');
    announce(`  MQTT broker: ${config.mqttUrl ? redact(config.mqttUrl) : `embedded at ${mqttUrl}`}; database: ${config.databaseUrl ? redact(config.databaseUrl) : `embedded in ${config.dataDir}`}`);
    announce(`  site: ${site.name} (${config.siteFile}); simulator ${simulator ? 'running' : 'off'}`);
    return { url, mqttUrl, app, stop: stopAll };
  } catch (error) {
    await stopAll();
    throw error;
  }
}
