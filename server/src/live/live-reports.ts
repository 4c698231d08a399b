// The reports every console is pushed once a minute: the live KPIs over their window, clearance
// time over the last hour with its bottleneck, and the next hour's gate forecast. Each is what
// its route gives for the same instant, so a wall screen and an API client never disagree.
import { CLEARANCE_WINDOW_MINUTES, type ClearanceReport, type Forecast, type KpiSnapshot } from '@porttwin/contracts';
import { clearance, type Queryable } from '@porttwin/db';
import type { FastifyBaseLogger } from 'fastify';
import { siteGateForecast } from '../forecast/gate-forecast';
import { KPI_WINDOW_MINUTES, type KpiSite, kpiSummary, kpiWindow } from '../kpis/kpi-summary';
import { MinuteReport } from './minute-report';

/** The forecast the console shows looks this far ahead. */
export const LIVE_FORECAST_HORIZON_MIN = 60;

export interface LiveReports {
  kpis: MinuteReport<KpiSnapshot>;
  clearance: MinuteReport<ClearanceReport>;
  forecast: MinuteReport<Forecast>;
}

export function liveReports(db: Queryable, site: KpiSite, log: FastifyBaseLogger, intervalMs: number): LiveReports {
  return {
    // The last whole minutes: the same buckets GET /api/kpis gives for them.
    kpis: new MinuteReport(
      'KPI',
      (at) => {
        const { from, to } = kpiWindow(at, KPI_WINDOW_MINUTES);
        return kpiSummary(db, site, from, to);
      },
      log,
      intervalMs,
    ),
    clearance: new MinuteReport(
      'clearance',
      async (at) => {
        const { from, to } = kpiWindow(at, CLEARANCE_WINDOW_MINUTES);
        return { from, to, ...(await clearance(db, from, to)) };
      },
      log,
      intervalMs,
    ),
    forecast: new MinuteReport('forecast', (at) => siteGateForecast(db, site, at, LIVE_FORECAST_HORIZON_MIN), log, intervalMs),
  };
}
