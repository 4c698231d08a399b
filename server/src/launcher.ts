// The all-in-one console: embedded broker and database unless given real ones, an edge
// gateway, the simulator and the server, all in this one process. One process owns the
// embedded database, so every piece here shares that single instance.
import type { AssetKind } from '@porttwin/contracts';
import { type Database, openDatabase, redact } from '@porttwin/db';
import { type RunningGateway, startGateway } from '@porttwin/edge';
import { readSiteFile, type RunningSimulator, startSimulator } from '@porttwin/simulator';
import { join } from 'node:path';
import pino from 'pino';
import { type App, buildApp } from './app';
import type { ServerConfig } from './config';
import { startDeadLetterRetention } from './dead-letter-retention';
import { issueDeviceCredential, issueGatewayCredential, issuePublisherCredential, mqttUrlWith } from './devices/credentials';
import { type EmbeddedBroker, startEmbeddedBroker } from './embedded/broker';
import { alertsFilePath, readAlertsFile } from './alerts/rules-file';
import { readTargetsFile, targetsFilePath } from './kpis/targets-file';
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
  const targetsFile = targetsFilePath(config.targetsFile, config.siteFile);
  const targets = readTargetsFile(targetsFile, site.site);
  const alertsFile = alertsFilePath(config.alertsFile, config.siteFile);
  const alertRules = readAlertsFile(alertsFile, site.site);
  const stops: (() => Promise<void>)[] = [];
  const stopAll = async () => {
    for (const stop of stops.reverse()) await stop().catch((error: Error) => log.error({ err: error }, 'server: shutdown step failed'));
  };
  try {
    const db: Database = await openDatabase(config.databaseUrl ? { url: config.databaseUrl } : { dataDir: config.dataDir });
    stops.push(() => db.close());
    const deadLetterRetention = startDeadLetterRetention({
      db,
      retentionDays: config.deadLetterRetentionDays,
      log: log.child({ piece: 'server' }),
    });
    stops.push(() => deadLetterRetention.stop());

    let broker: EmbeddedBroker | null = null;
    if (config.mqttUrl === null) {
      broker = await startEmbeddedBroker({
        // MQTT_PORT=off: plain MQTT stays off the network; the console's own gateway and
        // simulator still reach the broker over a loopback port, so they need no certificate
        // that names 127.0.0.1.
        ...(config.mqttPort === null ? { port: 0, host: '127.0.0.1' } : { port: config.mqttPort }),
        ...(config.tls ? { tls: { port: config.mqttsPort, cert: config.tls.cert, key: config.tls.key } } : {}),
        db,
        allowAnonymous: config.allowAnonymousMqtt,
        deviceRatePerSec: config.deviceRateLimit,
        log: log.child({ piece: 'broker' }),
      });
      stops.push(() => broker!.close());
    }
    const mqttUrl = config.mqttUrl ?? broker!.url;

    let adminCreated = false;
    let gateway: RunningGateway | null = null;
    if (config.edge) {
      // On the embedded broker the gateway signs in with a credential of its own, issued afresh
      // at each start; on a real broker with the one in MQTT_URL.
      const credential = broker ? await issueGatewayCredential(db, config.edgeGatewayId) : null;
      gateway = await startGateway({
        mqttUrl,
        db,
        gatewayId: config.edgeGatewayId,
        topicFilter: config.edgeTopicFilter,
        // Fixed assets keep the kind the layout gives them, and other sites' messages are dead letters.
        layout: site,
        log: log.child({ piece: 'edge' }),
        // aedes speaks MQTT 3.1.1 only.
        protocolVersion: broker ? 4 : 5,
        mqttOptions: { ...credential, ...(config.mqttCa ? { ca: config.mqttCa } : {}) },
        // An embedded database lives in this process, so only a real one can be away.
        ...(config.databaseUrl ? { journalDir: join(config.dataDir, 'journal', config.edgeGatewayId) } : {}),
      });
      stops.push(() => gateway!.stop());
    }

    const app = await buildApp({
      db,
      site,
      targets,
      alertRules,
      alertsFile,
      adminPassword: config.adminPassword,
      kpiIntervalMs: config.kpiIntervalMs,
      sessionPolicy: { idleMs: config.sessionIdleMs, maxMs: config.sessionMaxMs },
      secureCookies: config.secureCookies,
      plateRetentionDays: config.plateRetentionDays,
      logger: log.child({ piece: 'server' }),
      tls: config.tls,
      ...(gateway ? { gatewayStats: () => gateway!.stats() } : {}),
      ...(broker ? { brokerRefusals: () => broker!.refusals() } : {}),
      onAdminCreated: (username, password, generated) => {
        adminCreated = true;
        announce(
          generated
            ? `First start: sign in as "${username}" with password ${password} (shown once; set PORTTWIN_ADMIN_PASSWORD to choose it).`
            : `First start: sign in as "${username}" with the password in PORTTWIN_ADMIN_PASSWORD.`,
        );
      },
    });
    stops.push(() => app.close());
    await app.listen({ port: config.port, host: config.host });
    const address = app.server.address();
    const port = typeof address === 'object' && address ? address.port : config.port;
    const url = `${config.tls ? 'https' : 'http'}://localhost:${port}`;

    let simulator: RunningSimulator | null = null;
    if (config.simulator) {
      simulator = await startSimulator({
        // On the embedded broker the simulator is the site's publisher, and in per-device mode
        // each of its devices signs in as itself; on a real broker it uses MQTT_URL as given.
        mqttUrl: broker ? mqttUrlWith(mqttUrl, await issuePublisherCredential(db, site.site, 'simulator')) : mqttUrl,
        layout: site,
        ...(config.mqttCa ? { mqttCa: config.mqttCa } : {}),
        connections: config.simulatorConnections,
        ...(broker && config.simulatorConnections === 'per-device'
          ? {
              deviceCredentials: (device: { kind: AssetKind; assetId: string }) =>
                issueDeviceCredential(db, { site: site.site, ...device }),
            }
          : {}),
        log: (line) => log.info({ piece: 'simulator' }, line),
      });
      stops.push(() => simulator!.stop());
    }

    announce(`PortTwin console: ${url}`);
    if (!adminCreated)
      announce('  sign in as "admin" with the password set on the first start (PORTTWIN_ADMIN_PASSWORD, or the one printed then)');
    announce(
      `  MQTT broker: ${config.mqttUrl ? redact(config.mqttUrl) : `embedded at ${embeddedBrokerUrls(config, broker!)}`}; database: ${config.databaseUrl ? redact(config.databaseUrl) : `embedded in ${config.dataDir}`}`,
    );
    announce(
      `  site: ${site.name} (${config.siteFile}); targets: ${targetsFile ?? 'none'}; alert rules: ${alertsFile ?? 'none'}; simulator ${simulator ? `running (${config.simulatorConnections} connections)` : 'off'}`,
    );
    if (broker) {
      announce(
        config.allowAnonymousMqtt
          ? '  PORTTWIN_ALLOW_ANONYMOUS_MQTT is on: anyone on the network may publish and subscribe to everything (development only)'
          : '  devices sign in to the broker with credentials from POST /api/devices/{assetId}/credentials or `pnpm devices issue <assetId>`',
      );
    }
    return { url, mqttUrl, app, stop: stopAll };
  } catch (error) {
    await stopAll();
    throw error;
  }
}

/** Where devices reach the embedded broker: its plain port unless off, and its TLS port when it has one. */
function embeddedBrokerUrls(config: ServerConfig, broker: EmbeddedBroker): string {
  const urls = [
    config.mqttPort === null ? `mqtt://127.0.0.1:${broker.port} (loopback only: MQTT_PORT=off)` : `mqtt://localhost:${broker.port}`,
    ...(broker.tls ? [`mqtts://localhost:${broker.tls.port}`] : []),
  ];
  return urls.join(' and ');
}
