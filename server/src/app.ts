// Builds the Fastify app: plugins (database, auth, live state), routes, the OpenAPI
// document and the built client. Tests call buildApp and app.inject(); only main listens.
import { fileURLToPath } from 'node:url';
import fastifySwagger from '@fastify/swagger';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import {
  type AlertRulesFile,
  DEFAULT_PLATE_RETENTION_DAYS,
  type KpiTargetsFile,
  NO_ALERT_RULES,
  NO_KPI_TARGETS,
  type SiteLayout,
} from '@porttwin/contracts';
import type { Database } from '@porttwin/db';
import type { GatewayStats } from '@porttwin/edge';
import Fastify, { type FastifyBaseLogger, LogController } from 'fastify';
import type { SessionPolicy } from './auth/sessions';
import type { BrokerRefusals } from './embedded/broker-access';
import { BODY_LIMIT_BYTES, REQUEST_TIMEOUT_MS } from './limits';
import { alertsPlugin } from './plugins/alerts';
import { auditPlugin } from './plugins/audit';
import { authPlugin } from './plugins/auth';
import { databasePlugin } from './plugins/database';
import { livePlugin } from './plugins/live';
import { plateRetentionPlugin } from './plugins/plate-retention';
import { platesPlugin } from './plugins/plates';
import { securityHeadersPlugin } from './plugins/security-headers';
import { signInThrottlePlugin } from './plugins/sign-in-throttle';
import { alertRoutes } from './routes/alerts';
import { auditRoutes } from './routes/audit';
import { authRoutes } from './routes/auth';
import { clientRoutes } from './routes/client';
import { deviceRoutes } from './routes/devices';
import { healthRoutes } from './routes/health';
import { kioskTokenRoutes } from './routes/kiosk-tokens';
import { historyRoutes } from './routes/history';
import { clearanceRoutes } from './routes/clearance';
import { journeyRoutes } from './routes/journeys';
import { kpiSite } from './kpis/kpi-summary';
import { forecastRoutes } from './routes/forecast';
import { kpiRoutes } from './routes/kpis';
import { liveRoutes } from './routes/live';
import { metricsRoutes } from './routes/metrics';
import { openapiRoutes } from './routes/openapi';
import { userRoutes } from './routes/users';

export const CLIENT_DIST = fileURLToPath(new URL('../../client/dist/', import.meta.url));

export interface AppOptions {
  db: Database;
  site: SiteLayout;
  adminPassword: string | null;
  onAdminCreated?: (username: string, password: string, generated: boolean) => void;
  kpiIntervalMs?: number;
  /** The in-process gateway, when one runs here. */
  gatewayStats?: () => GatewayStats;
  /** The embedded broker's refusals, when it runs here. */
  brokerRefusals?: () => BrokerRefusals;
  clientDir?: string;
  /** How long an API request's statement may run (limits.ts); tests shorten it. */
  apiStatementTimeoutMs?: number;
  /** Idle and absolute session expiry; default 30 min and 12 h. */
  sessionPolicy?: SessionPolicy;
  /** The session cookie is Secure: browsers reach the console over HTTPS. */
  secureCookies?: boolean;
  /** The clock sessions expire by (tests move it). */
  now?: () => number;
  /** How often open sockets are checked against their sessions (tests shorten it). */
  sessionSweepMs?: number;
  /** Days a stored row keeps its plate in the clear (PLATE_RETENTION_DAYS); default 90. */
  plateRetentionDays?: number;
  /** A pino logger to log through; none = silent (tests). */
  logger?: FastifyBaseLogger;
  /** The site targets file's targets and shifts; none = no targets, shifts from 08:00 and 20:00. */
  targets?: KpiTargetsFile;
  /** The site alerts file's rules and playbooks; none = no rules. */
  alertRules?: AlertRulesFile;
  /** The alerts file to read again when it changes (ALERTS_FILE, or the one beside the site file). */
  alertsFile?: string | null;
  /** The alert engine's clock and tick (tests move and shorten them). */
  alertClock?: () => number;
  alertTickMs?: number;
  /** Serve HTTPS (and socket.io over it) with this PEM certificate and key; none = plain HTTP. */
  tls?: { cert: Buffer; key: Buffer } | null;
}

export async function buildApp(options: AppOptions) {
  const limits = {
    bodyLimit: BODY_LIMIT_BYTES,
    requestTimeout: REQUEST_TIMEOUT_MS,
    ...(options.tls ? { https: { cert: options.tls.cert, key: options.tls.key } } : {}),
  };
  const app = (
    options.logger
      ? Fastify({ ...limits, loggerInstance: options.logger, logController: new LogController({ disableRequestLogging: true }) })
      : Fastify({ ...limits, logger: false })
  ).withTypeProvider<TypeBoxTypeProvider>();
  await app.register(fastifySwagger, {
    openapi: {
      info: {
        title: 'PortTwin API',
        version: '0.1.0',
        description: 'Live state, history and KPIs of a port. socket.io events: see README.',
      },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
      security: [{ bearer: [] }],
    },
  });
  await app.register(securityHeadersPlugin);
  await app.register(databasePlugin, { db: options.db, apiStatementTimeoutMs: options.apiStatementTimeoutMs });
  await app.register(authPlugin, {
    adminPassword: options.adminPassword,
    onAdminCreated: options.onAdminCreated,
    sessionPolicy: options.sessionPolicy,
    secureCookies: options.secureCookies ?? Boolean(options.tls),
    now: options.now,
  });
  await app.register(auditPlugin);
  await app.register(platesPlugin);
  await app.register(plateRetentionPlugin, { retentionDays: options.plateRetentionDays ?? DEFAULT_PLATE_RETENTION_DAYS });
  await app.register(signInThrottlePlugin);
  const kpis = kpiSite(options.site, options.targets ?? NO_KPI_TARGETS(options.site.site));
  await app.register(livePlugin, {
    site: options.site,
    kpiSite: kpis,
    kpiIntervalMs: options.kpiIntervalMs ?? 60_000,
    sessionSweepMs: options.sessionSweepMs,
  });
  await app.register(alertsPlugin, {
    site: options.site.site,
    rules: options.alertRules ?? NO_ALERT_RULES(options.site.site),
    rulesFile: options.alertsFile ?? null,
    clock: options.alertClock,
    tickMs: options.alertTickMs,
  });

  const gatewayStats = options.gatewayStats;
  await app.register(healthRoutes, gatewayStats ? { gatewayStats } : {});
  await app.register(authRoutes);
  await app.register(kioskTokenRoutes);
  await app.register(liveRoutes, { site: options.site });
  await app.register(historyRoutes);
  await app.register(kpiRoutes, { kpiSite: kpis });
  await app.register(journeyRoutes);
  await app.register(clearanceRoutes);
  await app.register(alertRoutes);
  await app.register(forecastRoutes, { kpiSite: kpis });
  await app.register(deviceRoutes, { site: options.site });
  await app.register(userRoutes);
  await app.register(auditRoutes);
  await app.register(metricsRoutes, {
    ...(gatewayStats ? { gatewayStats } : {}),
    ...(options.brokerRefusals ? { brokerRefusals: options.brokerRefusals } : {}),
  });
  await app.register(openapiRoutes);
  await app.register(clientRoutes, { clientDir: options.clientDir ?? CLIENT_DIST });
  return app;
}

export type App = Awaited<ReturnType<typeof buildApp>>;
