// Truck journeys (issue 9): each truck's visit from the inbound gate to departure, as built
// at ingest from what devices publish (docs/journeys.md). Bounded like raw history; plates
// come masked to roles without MAY.seePlates, and a look-up by plate is audited.
import { AssetId, MAY, maskPlate } from '@porttwin/contracts';
import { JOURNEY_STAGES, listJourneys } from '@porttwin/db';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import Type from 'typebox';
import { parseRange, TimeRangeQuery } from './time-range';

const Outcome = Type.Union([Type.Literal('released'), Type.Literal('rejected'), Type.Literal('balked'), Type.Literal('on site')]);
const Stamp = Type.Union([Type.Number(), Type.Null()]);

const JourneyRow = Type.Object({
  plate: Type.String(),
  inLane: Type.String(),
  outLane: Type.Union([Type.String(), Type.Null()]),
  outcome: Outcome,
  inspected: Type.Boolean(),
  scanner: Type.Union([Type.String(), Type.Null()], { description: 'the scanner it queued at; null if not inspected' }),
  verdict: Type.Union([Type.Literal('clear'), Type.Literal('suspect'), Type.Null()]),
  stages: Type.Object(Object.fromEntries(JOURNEY_STAGES.map((stage) => [stage, Stamp])), {
    description: 'stage → epoch ms, null if not reached',
  }),
  turnSec: Type.Union([Type.Number(), Type.Null()], { description: 'departed − arrived, s; null while on site' }),
});

export const journeyRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/api/journeys',
    {
      onRequest: app.requireRole(...MAY.readLive),
      schema: {
        tags: ['journeys'],
        summary:
          'Truck journeys that arrived in [from, to), oldest first (or `order=newest`); `plate` looks one truck up (audited; roles that see plates)',
        querystring: Type.Object({
          ...TimeRangeQuery,
          plate: Type.Optional(Type.String({ minLength: 1, maxLength: 32 })),
          lane: Type.Optional(AssetId),
          outcome: Type.Optional(Outcome),
          order: Type.Optional(
            Type.Union([Type.Literal('oldest'), Type.Literal('newest')], {
              default: 'oldest',
              description: 'which end of the period `limit` keeps: the first arrivals, or the latest',
            }),
          ),
        }),
        response: { 200: Type.Array(JourneyRow) },
      },
    },
    async (request) => {
      const { plate, lane, outcome, order } = request.query;
      const range = parseRange(request.query);
      if (plate !== undefined) await app.auditPlateLookup(request, plate);
      const journeys = await listJourneys(app.apiDb, { ...range, plate, lane, outcome, order });
      const clear = app.seesPlates(request);
      return journeys.map(({ arrivedAt: _key, ...journey }) => (clear ? journey : { ...journey, plate: maskPlate(journey.plate) }));
    },
  );
};
