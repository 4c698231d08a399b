// Health for load balancers and operators: 200 when broker and database are reachable, 503 not.
import { readIngestProgress } from '@porttwin/db';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import Type from 'typebox';

const Health = Type.Object({
  status: Type.Union([Type.Literal('ok'), Type.Literal('degraded')]),
  broker: Type.Union([Type.Literal('connected'), Type.Literal('disconnected'), Type.Literal('not-monitored')]),
  database: Type.Union([Type.Literal('ok'), Type.Literal('unreachable')]),
  /** Receipt-to-commit time of the newest stored batch; null before any. */
  ingestLagMs: Type.Union([Type.Number(), Type.Null()]),
});

export interface HealthOptions {
  /** Whether this process's gateway is connected to the broker; absent when no gateway runs here. */
  brokerConnected?: () => boolean;
}

export const healthRoutes: FastifyPluginAsyncTypebox<HealthOptions> = async (app, options) => {
  app.get(
    '/api/health',
    { schema: { tags: ['health'], summary: 'Broker, database and ingest lag', response: { 200: Health, 503: Health } } },
    async (_request, reply) => {
      const progress = await readIngestProgress(app.db).catch(() => null);
      const database = progress ? 'ok' : 'unreachable';
      const broker = options.brokerConnected ? (options.brokerConnected() ? 'connected' : 'disconnected') : 'not-monitored';
      const status = database === 'ok' && broker !== 'disconnected' ? 'ok' : 'degraded';
      return reply.code(status === 'ok' ? 200 : 503).send({ status, broker, database, ingestLagMs: progress?.lastLagMs ?? null });
    },
  );
};
