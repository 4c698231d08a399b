// Health for load balancers and operators: 200 when broker, database and ingest are well,
// 503 (degraded) naming each cause when not.
import { readIngestProgress } from '@porttwin/db';
import type { GatewayStats } from '@porttwin/edge';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import Type from 'typebox';

const Health = Type.Object({
  status: Type.Union([Type.Literal('ok'), Type.Literal('degraded')]),
  broker: Type.Union([Type.Literal('connected'), Type.Literal('disconnected'), Type.Literal('not-monitored')]),
  database: Type.Union([Type.Literal('ok'), Type.Literal('unreachable')]),
  /** Receipt-to-commit time: of the oldest message still waiting when one is, else of the newest batch; null before any. */
  ingestLagMs: Type.Union([Type.Number(), Type.Null()]),
  /** Whether the in-process gateway commits what it receives; stalled once a message has waited 30 s. */
  ingest: Type.Union([Type.Literal('flowing'), Type.Literal('stalled'), Type.Literal('not-monitored')]),
  /** How long the oldest message not yet committed has waited (in-process gateway). */
  oldestPendingMs: Type.Optional(Type.Number()),
  /** Share of the in-process gateway's store-and-forward journal in use; degraded from 0.8. */
  journalFill: Type.Optional(Type.Number()),
  /** Why the status is degraded, one line per cause; empty when ok. */
  causes: Type.Array(Type.String()),
});

/** Journal fill from which the console reports itself degraded (an alert before it is full). */
const JOURNAL_ALERT_FILL = 0.8;
/** A database that does not answer within this is as good as unreachable to a load balancer. */
const DATABASE_PROBE_MS = 2_000;

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
      schema: { tags: ['health'], summary: 'Broker, database and ingest', response: { 200: Health, 503: Health } },
    },
    async (_request, reply) => {
      const progress = await withTimeout(readIngestProgress(app.db), DATABASE_PROBE_MS).catch(() => null);
      const gateway = options.gatewayStats?.();
      const causes: string[] = [];
      const database = progress ? 'ok' : 'unreachable';
      if (!progress) causes.push(`database: no answer within ${DATABASE_PROBE_MS} ms`);
      const broker = gateway ? (gateway.connected ? 'connected' : 'disconnected') : 'not-monitored';
      if (broker === 'disconnected') causes.push('broker: the gateway is not connected');
      const ingest = gateway ? (gateway.stalled ? 'stalled' : 'flowing') : 'not-monitored';
      if (gateway?.stalled) {
        causes.push(
          `ingest: the oldest message has waited ${Math.round(gateway.oldestPendingMs / 1000)} s for a commit` +
            (gateway.writeError ? `; writes fail: ${gateway.writeError}` : ''),
        );
      }
      const journalFill = gateway?.journalFill;
      if ((journalFill ?? 0) >= JOURNAL_ALERT_FILL) causes.push(`journal: ${Math.round((journalFill ?? 0) * 100)} % full`);
      const lastLagMs = progress?.lastLagMs ?? null;
      const ingestLagMs = gateway && gateway.oldestPendingMs > 0 ? Math.max(gateway.oldestPendingMs, lastLagMs ?? 0) : lastLagMs;
      return reply.code(causes.length === 0 ? 200 : 503).send({
        status: causes.length === 0 ? 'ok' : 'degraded',
        broker,
        database,
        ingestLagMs,
        ingest,
        ...(gateway ? { oldestPendingMs: gateway.oldestPendingMs } : {}),
        ...(journalFill === undefined ? {} : { journalFill }),
        causes,
      });
    },
  );
};

async function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      promise,
      new Promise<never>((_resolve, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}
