// The audit log, for admins: who did what, newest first, over a bounded time range.
import { AUDIT_ACTIONS, AuditEntry, MAY } from '@porttwin/contracts';
import { listAudit } from '@porttwin/db';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import Type from 'typebox';
import { parseRange, TimeRangeQuery } from './time-range';

export const auditRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/api/audit',
    {
      onRequest: app.requireRole(...MAY.readAudit),
      schema: {
        tags: ['audit'],
        summary: 'The audit log in [from, to), newest first, at most 31 days and `limit` lines at a time (admin)',
        querystring: Type.Object({
          ...TimeRangeQuery,
          action: Type.Optional(Type.Union(AUDIT_ACTIONS.map((action) => Type.Literal(action)))),
          // Any name: a failed sign-in records the name tried, whatever it was.
          user: Type.Optional(Type.String({ minLength: 1, maxLength: 64, description: 'who acted, or the name a sign-in tried' })),
        }),
        response: { 200: Type.Array(AuditEntry) },
      },
    },
    async (request) =>
      listAudit(app.apiDb, parseRange(request.query), {
        ...(request.query.action !== undefined ? { action: request.query.action } : {}),
        ...(request.query.user !== undefined ? { username: request.query.user } : {}),
      }),
  );
};
