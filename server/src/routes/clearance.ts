// Clearance time by stage and the bottleneck (issue 9): how long trucks dwelt at each stage
// in [from, to), overall and per lane or scanner, and the stage and asset that grew most
// against its own recent baseline (docs/journeys.md, "Clearance time"). Bounded like raw
// history: it reads journeys, not KPI buckets.
import { MAY } from '@porttwin/contracts';
import { BASELINE_MS, clearance, CLEARANCE_STAGES } from '@porttwin/db';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import Type from 'typebox';
import { parseRange, TimeRangeQuery } from './time-range';

const Stage = Type.Enum(CLEARANCE_STAGES);

const StageDwell = Type.Object({
  stage: Stage,
  assetId: Type.Optional(Type.String({ description: 'the lane or scanner; absent on the stage overall' })),
  count: Type.Integer(),
  meanSec: Type.Number(),
  p50Sec: Type.Number(),
  p90Sec: Type.Number(),
});

const Bottleneck = Type.Object({
  stage: Stage,
  assetId: Type.Union([Type.String(), Type.Null()]),
  dwellSec: Type.Number({ description: 'mean dwell in [from, to)' }),
  baselineSec: Type.Number({ description: `mean dwell of the same stage and asset in the ${BASELINE_MS / 3_600_000} h before from` }),
});

export const clearanceRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/api/clearance',
    {
      onRequest: app.requireRole(...MAY.readLive),
      schema: {
        tags: ['journeys'],
        summary: 'Dwell per stage (and per lane or scanner) of the journeys whose stage ended in [from, to), and the bottleneck',
        querystring: Type.Object({ from: TimeRangeQuery.from, to: TimeRangeQuery.to }),
        response: { 200: Type.Object({ stages: Type.Array(StageDwell), bottleneck: Type.Union([Bottleneck, Type.Null()]) }) },
      },
    },
    async (request) => {
      const { from, to } = parseRange(request.query);
      return clearance(app.apiDb, from, to);
    },
  );
};
