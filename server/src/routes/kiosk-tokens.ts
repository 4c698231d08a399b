// Kiosk tokens for wall screens that have no keyboard: issued, listed and revoked by admins.
// The signed token carries its id; the auth check refuses it once its row is revoked, and the
// sockets opened with it are disconnected at the revocation (issue 8).
import { randomUUID } from 'node:crypto';
import { KioskTokenName, KioskTokenSummary, MAY } from '@porttwin/contracts';
import { insertKioskToken, type KioskTokenRow, listKioskTokens, revokeKioskToken } from '@porttwin/db';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import Type from 'typebox';
import { NotFoundError } from '../errors';
import { SignedIn } from './auth';

/**
 * 90 days, not a year: a kiosk URL carries its token and gets photographed, bookmarked and
 * left in browser histories, so one nobody remembers to revoke should die within a quarter;
 * renewing a wall screen four times a year is little work.
 */
export const KIOSK_TTL_MS = 90 * 24 * 3_600_000;

const IssuedKioskToken = Type.Object({ id: Type.String(), ...SignedIn.properties });

function summary(row: KioskTokenRow): KioskTokenSummary {
  return {
    id: row.id,
    name: row.name,
    issuedBy: row.issuedBy,
    createdAt: row.createdAt,
    expiresAt: row.expiresAt,
    revokedAt: row.revokedAt,
  };
}

export const kioskTokenRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const issueCredentials = app.requireRole(...MAY.issueCredentials);

  app.post(
    '/api/auth/kiosk-tokens',
    {
      onRequest: issueCredentials,
      schema: {
        tags: ['auth'],
        summary: 'A read-only token for a wall screen, valid 90 days or until revoked: open /?kiosk=<token> (admin)',
        body: Type.Object({ name: KioskTokenName }),
        response: { 200: IssuedKioskToken },
      },
    },
    async (request) => {
      const expiresAt = Date.now() + KIOSK_TTL_MS;
      const id = randomUUID();
      const username = `kiosk:${request.body.name}`;
      await insertKioskToken(app.db, { id, name: request.body.name, issuedBy: request.session!.username, expiresAt });
      await app.audit(request, { action: 'kiosk-token.issue', subject: username, detail: { id, expiresAt } });
      return {
        id,
        token: app.sessions.kioskTokens.issue({ username, expiresAt, kioskId: id }),
        expiresAt,
        user: { username, role: 'kiosk' as const },
      };
    },
  );

  app.get(
    '/api/auth/kiosk-tokens',
    {
      onRequest: issueCredentials,
      schema: {
        tags: ['auth'],
        summary: 'Every kiosk token issued, newest first, revoked ones included; never the token itself (admin)',
        response: { 200: Type.Array(KioskTokenSummary) },
      },
    },
    async () => (await listKioskTokens(app.db)).map(summary),
  );

  app.delete(
    '/api/auth/kiosk-tokens/:id',
    {
      onRequest: issueCredentials,
      schema: {
        tags: ['auth'],
        summary: 'Revokes a kiosk token: refused on HTTP at once, its open sockets disconnected (admin)',
        params: Type.Object({ id: Type.String({ maxLength: 64 }) }),
        response: { 200: KioskTokenSummary },
      },
    },
    async (request) => {
      const { id } = request.params;
      const row = await revokeKioskToken(app.db, id, request.session!.username);
      if (!row) throw new NotFoundError(`kiosk token ${id}`);
      // This server forgets at once; others within SESSION_RECHECK_MS (sessions.ts). The
      // sessions wall screens opened with it end with it.
      app.sessions.forgetKiosk(id);
      app.disconnectKiosk(id);
      await app.audit(request, { action: 'kiosk-token.revoke', subject: `kiosk:${row.name}`, detail: { id } });
      return summary(row);
    },
  );
};
