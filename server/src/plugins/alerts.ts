// The alert engine in the app (issue 10): fed device events and statuses as they are stored,
// each asset's latest telemetry and receipt from the live asset feed, and the clearance and
// forecast reports as they are pushed; ticked once a second for what only the clock decides.
// Every change goes to the consoles as an `alert` event, plates masked for roles that see them so.
import { type AlertRulesFile, maskPlateField } from '@porttwin/contracts';
import type { AlertRow } from '@porttwin/db';
import fp from 'fastify-plugin';
import { AlertEngine } from '../alerts/alert-engine';
import { AlertFeed } from '../alerts/alert-feed';
import { AlertService } from '../alerts/alert-service';
import { watchAlertsFile } from '../alerts/rules-file';
import type { Observation } from '../alerts/observation';
import { PLATES_CLEAR_ROOM, PLATES_MASKED_ROOM } from './live';

export interface AlertsOptions {
  site: string;
  rules: AlertRulesFile;
  /** The alerts file to read again when it changes; null = the rules stay as given. */
  rulesFile: string | null;
  /** The engine's wall clock (tests). */
  clock?: () => number;
  /** How often the clock alone is consulted (silence, durations, escalation). */
  tickMs?: number;
}

const TICK_MS = 1000;

export const alertsPlugin = fp<AlertsOptions>(
  async (app, options) => {
    const engine = new AlertEngine({ db: app.db, site: options.site, rules: options.rules, log: app.log, clock: options.clock });
    const service = new AlertService(app.db, engine);
    const feed = new AlertFeed(app.db, engine, app.log, (options.clock ?? Date.now)());
    app.decorate('alerts', service);

    const push = (row: AlertRow) => {
      void service.present([row], true).then(
        ([alert]) => {
          if (!alert) return;
          app.io.to(PLATES_CLEAR_ROOM).emit('alert', alert);
          app.io.to(PLATES_MASKED_ROOM).emit('alert', { ...alert, detail: maskPlateField(alert.detail) });
        },
        (error: Error) => app.log.warn({ err: error, alert: row.id }, 'server: could not push an alert change'),
      );
    };

    let ticker: NodeJS.Timeout | null = null;
    const stops: (() => unknown)[] = [];
    app.addHook('onReady', async () => {
      await engine.start();
      stops.push(engine.onChange(push));
      const assetObservations = (assets: ReturnType<typeof app.assetFeed.all>): Observation[] =>
        assets.flatMap((asset) => [
          { type: 'seen', assetId: asset.id, kind: asset.kind, lastSeen: asset.lastSeen } as const,
          ...(asset.metricsAt !== null
            ? [{ type: 'metrics', assetId: asset.id, kind: asset.kind, ts: asset.metricsAt, metrics: asset.metrics } as const]
            : []),
        ]);
      void engine.observe(assetObservations(app.assetFeed.all()));
      stops.push(app.assetFeed.onChange((changes) => void engine.observe(assetObservations(changes))));
      stops.push(app.liveReports.clearance.onTick((report) => void engine.observe([{ type: 'clearance', report }])));
      stops.push(app.liveReports.forecast.onTick((forecast) => void engine.observe([{ type: 'forecast', forecast }])));
      if (options.rulesFile !== null) {
        const path = options.rulesFile;
        stops.push(
          watchAlertsFile(
            path,
            options.site,
            (rules) => {
              engine.setRules(rules);
              app.log.info({ file: path, rules: rules.rules.length }, 'server: alert rules read again');
            },
            (error) => app.log.error({ err: error }, 'server: the alerts file changed but is broken; the rules in force stay'),
          ),
        );
      }
      await feed.start();
      ticker = setInterval(() => void engine.tick(), options.tickMs ?? TICK_MS);
    });
    app.addHook('onClose', async () => {
      if (ticker) clearInterval(ticker);
      for (const stop of stops) stop();
      await feed.stop();
      await engine.idle();
    });
  },
  { name: 'porttwin-alerts', dependencies: ['porttwin-database', 'porttwin-live'] },
);
