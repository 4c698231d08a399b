// Health for load balancers and operators: 200 when broker and database are reachable, 503 not.
import { readIngestProgress } from '@porttwin/db';
import type { GatewayStats } from '@porttwin/edge';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import Type from 'typebox';

const Health = Type.Object({
  status: Type.Union([Type.Literal('ok'), Type.Literal('degraded')]),
  broker: Type.Union([Type.Literal('connected'), Type.Literal('disconnected'), Type.Literal('not-monitored')]),
  database: Type.Union([Type.Literal('ok'), Type.Literal('unreachable')]),
  /** Receipt-to-commit time of the newest stored batch; null before any. */
  ingestLagMs: Type.Union([Type.Number(), Type.Null()]),
  /** Share of the in-process gateway's store-and-forward journal in use; degraded from 0.8. */
  journalFill: Type.Optional(Type.Number()),
});

/** Journal fill from which the console reports itself degraded (an alert before it is full). */
const JOURNAL_ALERT_FILL = 0.8;

export interface HealthOptions {
  /** This process's gateway, when one runs here. */
  gatewayStats?: () => GatewayStats;
}

export const healthRoutes: FastifyPluginAsyncTypebox<HealthOptions> = async (app, options) => {
  app.get(
    '/api/health',
    {
      // Load balancers probe it without signing in; it tells of reachability, not of the port.
      config: { public: true },
      schema: { tags: ['health'], summary: 'Broker, database and ingest lag', response: { 200: Health, 503: Health } },
    },
    async (_request, reply) => {
      const progress = await readIngestProgress(app.db).catch(() => null);
      const gateway = options.gatewayStats?.();
      const database = progress ? 'ok' : 'unreachable';
      const broker = gateway ? (gateway.connected ? 'connected' : 'disconnected') : 'not-monitored';
      const journalFill = gateway?.journalFill;
      const healthy = database === 'ok' && broker !== 'disconnected' && (journalFill ?? 0) < JOURNAL_ALERT_FILL;
      const status = healthy ? 'ok' : 'degraded';
      return reply.code(healthy ? 200 : 503).send({
        status, broker, database, ingestLagMs: progress?.lastLagMs ?? null, ...(journalFill === undefined ? {} : { journalFill }),
      });
    },
  );
};
