// KPI series per minute or per hour, from the KPI aggregates (continuous aggregates on
// TimescaleDB, views on plain PostgreSQL: the same answers), and the live KPIs over a window
// of those minutes — what the ticker pushes, for any window.
import { KpiBucket, KpiBucketWidth, KpiSnapshot, MAY } from '@porttwin/contracts';
import { kpiSeries } from '@porttwin/db';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import Type from 'typebox';
import { BadRangeError } from '../errors';
import { MAX_KPI_BUCKETS } from '../limits';
import { KPI_WINDOW_MINUTES, type KpiSite, kpiSummary, kpiWindow } from '../kpis/kpi-summary';
import { parseRange, parseTime, TimeRangeQuery } from './time-range';

export const kpiRoutes: FastifyPluginAsyncTypebox<{ kpiSite: KpiSite }> = async (app, options) => {
  app.get(
    '/api/kpis/summary',
    {
      onRequest: app.requireRole(...MAY.readLive),
      schema: {
        tags: ['kpis'],
        summary:
          'The live KPIs (as the socket.io `kpis` event) over the windowMin whole minutes before `to`: per lane, scanner, crane and berth, the site against its targets, this shift against yesterday',
        querystring: Type.Object({
          to: Type.Optional(
            Type.String({ maxLength: 40, description: 'RFC 3339 or epoch milliseconds, rounded down to the minute; default now' }),
          ),
          windowMin: Type.Optional(
            Type.Integer({ minimum: 1, maximum: 1440, default: KPI_WINDOW_MINUTES, description: 'minutes; default the live window' }),
          ),
        }),
        response: { 200: KpiSnapshot },
      },
    },
    async (request) => {
      const { from, to } = kpiWindow(parseTime('to', request.query.to, Date.now()), request.query.windowMin ?? KPI_WINDOW_MINUTES);
      return kpiSummary(app.apiDb, options.kpiSite, from, to);
    },
  );

  app.get(
    '/api/kpis',
    {
      onRequest: app.requireRole(...MAY.readLive),
      schema: {
        tags: ['kpis'],
        summary: "KPI series: per bucket, each asset's flows (trucks in/out, moves, scans, queue, utilisation) and the site's totals",
        querystring: Type.Object({
          from: TimeRangeQuery.from,
          to: TimeRangeQuery.to,
          bucket: Type.Optional(Type.Union(KpiBucketWidth.anyOf, { default: 'minute' })),
        }),
        response: { 200: Type.Array(KpiBucket) },
      },
    },
    async (request) => {
      // Bucketed, so no raw span cap: the bucket count bounds it.
      const { from, to } = parseRange(request.query, null);
      const bucket = request.query.bucket ?? 'minute';
      const buckets = Math.ceil((to - from) / (bucket === 'hour' ? 3_600_000 : 60_000));
      if (buckets > MAX_KPI_BUCKETS)
        throw new BadRangeError(`${buckets} ${bucket} buckets asked for; at most ${MAX_KPI_BUCKETS} (use bucket=hour or a shorter range)`);
      return kpiSeries(app.apiDb, { from, to, bucket });
    },
  );
};
