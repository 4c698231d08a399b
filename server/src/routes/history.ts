// Stored history: telemetry, events and rejected messages over a time range, at most
// MAX_RAW_SPAN_MS and MAX_ROWS at a time, read through the bounded apiDb. Plates come masked
// to roles without MAY.seePlates; dead letters are raw payloads, read only by roles that see
// plates (MAY.readDiagnostics), so they come as received.
import { AssetId, MAY } from '@porttwin/contracts';
import { listDeadLetters, listEvents, listTelemetry } from '@porttwin/db';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import Type from 'typebox';
import { maskEventPlate, maskTelemetryPlate } from '../live/plate-masking';
import { parseRange, TimeRangeQuery } from './time-range';

const Row = { ts: Type.Number(), assetId: Type.String(), seq: Type.Number(), receivedAt: Type.Number() };

export const historyRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/api/telemetry',
    {
      onRequest: app.requireRole(...MAY.readHistory),
      schema: {
        tags: ['history'],
        summary: 'Raw telemetry in [from, to), oldest first; `metric` keeps only that metric',
        querystring: Type.Object({
          ...TimeRangeQuery,
          asset: Type.Optional(AssetId),
          metric: Type.Optional(Type.String({ maxLength: 64 })),
        }),
        response: { 200: Type.Array(Type.Object({ ...Row, metrics: Type.Record(Type.String(), Type.Unknown()) })) },
      },
    },
    async (request) => {
      const stored = await listTelemetry(app.apiDb, parseRange(request.query), request.query.asset);
      const rows = app.seesPlates(request) ? stored : stored.map(maskTelemetryPlate);
      const metric = request.query.metric;
      if (metric === undefined) return rows;
      return rows.filter((row) => metric in row.metrics).map((row) => ({ ...row, metrics: { [metric]: row.metrics[metric] } }));
    },
  );

  app.get(
    '/api/events',
    {
      onRequest: app.requireRole(...MAY.readHistory),
      schema: {
        tags: ['history'],
        summary: 'Device events in [from, to), oldest first; `plate` keeps only that truck’s (audited; roles that see plates)',
        querystring: Type.Object({
          ...TimeRangeQuery,
          asset: Type.Optional(AssetId),
          type: Type.Optional(Type.String({ maxLength: 64 })),
          plate: Type.Optional(Type.String({ minLength: 1, maxLength: 32 })),
        }),
        response: {
          200: Type.Array(
            Type.Object({ ...Row, kind: Type.String(), type: Type.String(), data: Type.Record(Type.String(), Type.Unknown()) }),
          ),
        },
      },
    },
    async (request) => {
      const { asset, type, plate } = request.query;
      const range = parseRange(request.query);
      if (plate !== undefined) await app.auditPlateLookup(request, plate);
      const rows = await listEvents(app.apiDb, range, { assetId: asset, type, plate });
      return app.seesPlates(request) ? rows : rows.map(maskEventPlate);
    },
  );

  app.get(
    '/api/dead-letters',
    {
      onRequest: app.requireRole(...MAY.readDiagnostics),
      schema: {
        tags: ['history'],
        summary: 'Messages that broke the device contract, with the reason, received in [from, to)',
        querystring: Type.Object(TimeRangeQuery),
        response: {
          200: Type.Array(
            Type.Object({
              id: Type.Number(),
              receivedAt: Type.Number(),
              topic: Type.String(),
              reason: Type.String(),
              payload: Type.String(),
              payloadBytes: Type.Number(),
            }),
          ),
        },
      },
    },
    async (request) => listDeadLetters(app.apiDb, parseRange(request.query)),
  );
};
