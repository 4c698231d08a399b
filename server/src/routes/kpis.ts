// KPI series: the same figures as the live per-minute KPIs, for any period.
import { KpiSnapshot } from '@porttwin/contracts';
import { computeKpis } from '@porttwin/db';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import Type from 'typebox';
import { BadRangeError } from '../errors';
import { KPI_WINDOW_MINUTES } from '../live/kpi-ticker';
import { parseRange, TimeRangeQuery } from './time-range';

const MAX_BUCKETS = 500;

export const kpiRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/api/kpis',
    {
      schema: {
        tags: ['kpis'],
        summary: `KPI snapshots at the end of each bucket of [from, to); rates over the trailing ${KPI_WINDOW_MINUTES} minutes unless the bucket is longer`,
        querystring: Type.Object({ from: TimeRangeQuery.from, to: TimeRangeQuery.to, bucket: Type.Optional(Type.Union([Type.Literal('minute'), Type.Literal('hour')])) }),
        response: { 200: Type.Array(KpiSnapshot) },
      },
    },
    async (request) => {
      const { from, to } = parseRange(request.query);
      const bucketMs = request.query.bucket === 'hour' ? 3_600_000 : 60_000;
      const first = Math.ceil(from / bucketMs) * bucketMs;
      const buckets = Math.floor((to - first) / bucketMs) + 1;
      if (buckets > MAX_BUCKETS) throw new BadRangeError(`${buckets} buckets asked for; at most ${MAX_BUCKETS} (use bucket=hour or a shorter range)`);
      const windowMinutes = Math.max(KPI_WINDOW_MINUTES, bucketMs / 60_000);
      const series = [];
      for (let at = first; at <= to; at += bucketMs) series.push(await computeKpis(app.db, at, windowMinutes));
      return series;
    },
  );
};
