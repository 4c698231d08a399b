// KPI series per minute or per hour, from the KPI aggregates (continuous aggregates on
// TimescaleDB, views on plain PostgreSQL: the same answers).
import { KpiBucket, KpiBucketWidth, MAY } from '@porttwin/contracts';
import { kpiSeries } from '@porttwin/db';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import Type from 'typebox';
import { BadRangeError } from '../errors';
import { MAX_KPI_BUCKETS } from '../limits';
import { parseRange, TimeRangeQuery } from './time-range';

export const kpiRoutes: FastifyPluginAsyncTypebox = async (app) => {
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
