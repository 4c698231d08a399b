// Prometheus metrics: ingest totals and lag from the database (every gateway's), the
// in-process gateway's batch figures when one runs here, and connected sockets.
import type { GatewayStats } from '@porttwin/edge';
import { MAY } from '@porttwin/contracts';
import type { BrokerRefusals } from '../embedded/broker-access';
import { readIngestProgress } from '@porttwin/db';
import type { FastifyPluginAsync } from 'fastify';
import { Counter, Gauge, Registry } from 'prom-client';

export interface MetricsOptions {
  gatewayStats?: () => GatewayStats;
  /** The embedded broker's refusals (connects, publishes, subscribes, its limits), when it runs here. */
  brokerRefusals?: () => BrokerRefusals;
}

export const metricsRoutes: FastifyPluginAsync<MetricsOptions> = async (app, options) => {
  const registry = new Registry();
  let progress: Awaited<ReturnType<typeof readIngestProgress>> | null = null;
  new Counter({
    name: 'porttwin_ingest_messages_total',
    help: 'Device messages stored, all gateways',
    registers: [registry],
    collect() {
      this.reset();
      this.inc(progress?.messages ?? 0);
    },
  });
  new Counter({
    name: 'porttwin_dead_letters_total',
    help: 'Messages rejected by the device contract, all gateways',
    registers: [registry],
    collect() {
      this.reset();
      this.inc(progress?.deadLetters ?? 0);
    },
  });
  new Counter({
    name: 'porttwin_ingest_batches_total',
    help: 'Batches committed, all gateways',
    registers: [registry],
    collect() {
      this.reset();
      this.inc(progress?.batches ?? 0);
    },
  });
  new Gauge({
    name: 'porttwin_ingest_lag_ms',
    help: 'Receipt-to-commit time of the newest batch',
    registers: [registry],
    collect() {
      this.set(progress?.lastLagMs ?? 0);
    },
  });
  new Gauge({
    name: 'porttwin_sockets',
    help: 'Connected socket.io clients',
    registers: [registry],
    collect() {
      this.set(app.io.engine.clientsCount);
    },
  });
  const gatewayStats = options.gatewayStats;
  if (gatewayStats) {
    new Gauge({
      name: 'porttwin_gateway_batch_latency_ms',
      help: 'Write time of the latest batch (this process)',
      registers: [registry],
      collect() {
        this.set(gatewayStats().lastBatchMs);
      },
    });
    new Gauge({
      name: 'porttwin_gateway_pending',
      help: 'Messages received, not yet committed (this process)',
      registers: [registry],
      collect() {
        this.set(gatewayStats().pending);
      },
    });
    new Gauge({
      name: 'porttwin_journal_bytes',
      help: 'Bytes in the store-and-forward journal (this process)',
      registers: [registry],
      collect() {
        this.set(gatewayStats().journalBytes);
      },
    });
    new Gauge({
      name: 'porttwin_journal_fill_ratio',
      help: 'Share of the journal bound in use; alert above 0.8',
      registers: [registry],
      collect() {
        this.set(gatewayStats().journalFill);
      },
    });
    new Gauge({
      name: 'porttwin_journal_backlog_batches',
      help: 'Journaled batches awaiting the database',
      registers: [registry],
      collect() {
        this.set(gatewayStats().journalBatches);
      },
    });
    new Gauge({
      name: 'porttwin_gateway_received',
      help: 'Messages received since start (this process)',
      registers: [registry],
      collect() {
        this.set(gatewayStats().received);
      },
    });
    new Gauge({
      name: 'porttwin_ingest_oldest_pending_seconds',
      help: 'How long the oldest message not yet committed has waited (this process)',
      registers: [registry],
      collect() {
        this.set(gatewayStats().oldestPendingMs / 1000);
      },
    });
    new Gauge({
      name: 'porttwin_ingest_stalled',
      help: '1 while the oldest pending message has waited over 30 s (this process)',
      registers: [registry],
      collect() {
        this.set(gatewayStats().stalled ? 1 : 0);
      },
    });
    new Gauge({
      name: 'porttwin_gateway_write_failures',
      help: 'Failed batch writes since start, each retried (this process)',
      registers: [registry],
      collect() {
        this.set(gatewayStats().writeFailures);
      },
    });
    new Gauge({
      name: 'porttwin_gateway_refused',
      help: 'Messages the database refused though the contract let them through, kept as dead letters (this process)',
      registers: [registry],
      collect() {
        this.set(gatewayStats().refused);
      },
    });
  }

  const brokerRefusals = options.brokerRefusals;
  if (brokerRefusals) {
    new Counter({
      name: 'porttwin_broker_refused_total',
      help: 'Connects, publishes and subscribes the embedded broker refused (device registry, topic ACL), and its limits: oversize packets, device rate, retained messages',
      labelNames: ['action'],
      registers: [registry],
      collect() {
        this.reset();
        for (const [action, count] of Object.entries(brokerRefusals())) this.inc({ action }, count);
      },
    });
  }

  app.get(
    '/metrics',
    {
      onRequest: app.requireRole(...MAY.readDiagnostics),
      schema: { tags: ['health'], summary: 'Prometheus text exposition (engineer, supervisor, admin)', produces: ['text/plain'] },
    },
    async (_request, reply) => {
      progress = await readIngestProgress(app.db);
      return reply.type(registry.contentType).send(await registry.metrics());
    },
  );
};
