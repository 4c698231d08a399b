// Builds the Fastify app: plugins (database, auth, live state), routes, the OpenAPI
// document and the built client. Tests call buildApp and app.inject(); only main listens.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { SiteLayout } from '@porttwin/contracts';
import type { Database } from '@porttwin/db';
import type { GatewayStats } from '@porttwin/edge';
import Fastify, { type FastifyBaseLogger, LogController } from 'fastify';
import { authPlugin } from './plugins/auth';
import { databasePlugin } from './plugins/database';
import { livePlugin } from './plugins/live';
import { authRoutes } from './routes/auth';
import { healthRoutes } from './routes/health';
import { historyRoutes } from './routes/history';
import { kpiRoutes } from './routes/kpis';
import { liveRoutes } from './routes/live';
import { metricsRoutes } from './routes/metrics';
import { openapiRoutes } from './routes/openapi';

export const CLIENT_DIST = fileURLToPath(new URL('../../client/dist/', import.meta.url));

export interface AppOptions {
  db: Database;
  site: SiteLayout;
  adminPassword: string | null;
  onAdminCreated?: (username: string, password: string, generated: boolean) => void;
  kpiIntervalMs?: number;
  /** The in-process gateway, when one runs here. */
  gatewayStats?: () => GatewayStats;
  clientDir?: string;
  /** A pino logger to log through; none = silent (tests). */
  logger?: FastifyBaseLogger;
}

export async function buildApp(options: AppOptions) {
  const app = (options.logger ? Fastify({ loggerInstance: options.logger, logController: new LogController({ disableRequestLogging: true }) }) : Fastify({ logger: false })).withTypeProvider<TypeBoxTypeProvider>();
  await app.register(fastifySwagger, {
    openapi: {
      info: { title: 'PortTwin API', version: '0.1.0', description: 'Live state, history and KPIs of a port. socket.io events: see README.' },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
      security: [{ bearer: [] }],
    },
  });
  await app.register(databasePlugin, { db: options.db });
  await app.register(authPlugin, { adminPassword: options.adminPassword, onAdminCreated: options.onAdminCreated });
  await app.register(livePlugin, { site: options.site, kpiIntervalMs: options.kpiIntervalMs ?? 60_000 });

  const gatewayStats = options.gatewayStats;
  await app.register(healthRoutes, gatewayStats ? { gatewayStats } : {});
  await app.register(authRoutes);
  await app.register(liveRoutes, { site: options.site });
  await app.register(historyRoutes);
  await app.register(kpiRoutes);
  await app.register(metricsRoutes, gatewayStats ? { gatewayStats } : {});
  await app.register(openapiRoutes);
  await registerClient(app, options.clientDir ?? CLIENT_DIST);
  return app;
}

export type App = Awaited<ReturnType<typeof buildApp>>;

async function registerClient(app: App, clientDir: string): Promise<void> {
  if (!existsSync(`${clientDir}/index.html`)) {
    app.get('/', async (_request, reply) =>
      reply.type('text/plain').send('The console is not built yet: run `pnpm build:client`, then reload.'));
    return;
  }
  // wildcard: files are looked up per request, so a rebuilt client is served without a restart.
  await app.register(fastifyStatic, { root: clientDir });
  // Client-side routes fall back to the app; unknown API paths stay 404s.
  app.setNotFoundHandler(async (request, reply) => {
    if (request.method === 'GET' && !request.url.startsWith('/api/') && !request.url.startsWith('/socket.io')) {
      return reply.sendFile('index.html');
    }
    return reply.code(404).send({ statusCode: 404, error: 'Not Found', message: `server: no route ${request.method} ${request.url.split('?')[0]}` });
  });
}
