// Signing in and out, the session a page holds, and a wall screen trading its kiosk token for
// a session (kiosk tokens themselves are issued in kiosk-tokens.ts).
import { MAY, Role } from '@porttwin/contracts';
import { findUser, updatePasswordHash } from '@porttwin/db';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import Type from 'typebox';
import { hashPassword, needsRehash, verifyPassword } from '../auth/passwords';
import { clearSessionCookie, setSessionCookie } from '../auth/session-cookie';
import { BadCredentialsError, BadKioskTokenError } from '../errors';

const SessionUser = Type.Object({ username: Type.String(), role: Role });

export const SignedIn = Type.Object({
  /** The session's token: the cookie's value, for API clients as `Authorization: Bearer`. */
  token: Type.String(),
  /** When the session ends unless used again (epoch ms). */
  expiresAt: Type.Number(),
  user: SessionUser,
});

const OpenSession = Type.Object({
  ...SignedIn.properties,
  /** What a page signed in by the cookie sends as X-CSRF-Token with every POST, PATCH and DELETE. */
  csrfToken: Type.String(),
});

const CurrentSession = Type.Object({
  user: SessionUser,
  expiresAt: Type.Number(),
  /** Null for a kiosk token used as a bearer by itself: it changes nothing. */
  csrfToken: Type.Union([Type.String(), Type.Null()]),
  kiosk: Type.Boolean(),
});

export const authRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.post(
    '/api/auth/login',
    {
      config: { public: true },
      preHandler: app.signInThrottle.admit,
      schema: {
        tags: ['auth'],
        summary:
          'Sign in: sets the httpOnly session cookie and returns its token for API clients (`Authorization: Bearer`, socket.io `auth.token`). Failures are throttled: 429 with Retry-After',
        body: Type.Object({
          username: Type.String({ minLength: 1, maxLength: 64 }),
          password: Type.String({ minLength: 1, maxLength: 256 }),
        }),
        response: { 200: OpenSession },
      },
    },
    async (request, reply) => {
      const user = await findUser(app.db, request.body.username);
      if (!(await verifyPassword(request.body.password, user?.passwordHash ?? null)) || !user) {
        // The name tried, whether or not such a user exists: a run of guesses shows in the log.
        await app.audit(request, { action: 'sign-in.failed', username: request.body.username });
        throw new BadCredentialsError();
      }
      app.signInThrottle.succeeded(request);
      if (needsRehash(user.passwordHash)) await updatePasswordHash(app.db, user.username, await hashPassword(request.body.password));
      const opened = await app.sessions.open({
        username: user.username,
        address: request.ip,
        userAgent: request.headers['user-agent'] ?? null,
      });
      await app.audit(request, { action: 'sign-in', username: user.username, detail: { role: user.role, session: opened.id } });
      setSessionCookie(reply, app.sessionCookie, opened.token, opened.absoluteEnd);
      return {
        token: opened.token,
        expiresAt: opened.expiresAt,
        csrfToken: opened.csrfToken,
        user: { username: user.username, role: user.role },
      };
    },
  );

  app.post(
    '/api/auth/logout',
    {
      onRequest: app.requireRole(...MAY.ownSession),
      schema: {
        tags: ['auth'],
        summary:
          'Signs out: ends the session at once on every server (its token and cookie are refused, its sockets dropped) and clears the cookie',
        response: { 204: Type.Null() },
      },
    },
    async (request, reply) => {
      const session = request.session!;
      // A kiosk token used by itself has no session to end: revoking it is DELETE /api/auth/kiosk-tokens/{id}.
      if (session.id !== null && (await app.sessions.end(session.id, 'sign-out'))) {
        app.disconnectSession(session.id);
        await app.audit(request, { action: 'sign-out', detail: { session: session.id } });
      }
      clearSessionCookie(reply, app.sessionCookie);
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/api/auth/session',
    {
      onRequest: app.requireRole(...MAY.ownSession),
      schema: {
        tags: ['auth'],
        summary: 'Who this session is, when it ends and its CSRF token: how a page that reloads learns it is still signed in',
        response: { 200: CurrentSession },
      },
    },
    async (request) => {
      const session = request.session!;
      return {
        user: { username: session.username, role: session.role },
        expiresAt: session.expiresAt,
        csrfToken: session.id === null ? null : app.sessions.csrfTokenOf(session.id),
        kiosk: session.role === 'kiosk',
      };
    },
  );

  app.post(
    '/api/auth/kiosk-session',
    {
      // Not throttled like a password: a kiosk token is signed with a 256-bit secret, not guessed.
      config: { public: true },
      schema: {
        tags: ['auth'],
        summary:
          'A wall screen trades the kiosk token from its URL for a session cookie, so the token leaves the address bar; the session ends with the token',
        body: Type.Object({ token: Type.String({ minLength: 1, maxLength: 1024 }) }),
        response: { 200: OpenSession },
      },
    },
    async (request, reply) => {
      const claims = app.sessions.kioskTokens.verify(request.body.token, Date.now());
      if (!claims || !(await app.sessions.kioskIsLive(claims.kioskId))) {
        await app.audit(request, { action: 'kiosk-session.refused', username: claims?.username ?? '(unknown token)' });
        throw new BadKioskTokenError();
      }
      const opened = await app.sessions.open({
        username: claims.username,
        kioskTokenId: claims.kioskId,
        expiresAt: claims.expiresAt,
        address: request.ip,
        userAgent: request.headers['user-agent'] ?? null,
      });
      await app.audit(request, {
        action: 'kiosk-session.open',
        username: claims.username,
        detail: { id: claims.kioskId, session: opened.id },
      });
      setSessionCookie(reply, app.sessionCookie, opened.token, opened.absoluteEnd);
      return {
        token: opened.token,
        expiresAt: opened.expiresAt,
        csrfToken: opened.csrfToken,
        user: { username: claims.username, role: 'kiosk' as const },
      };
    },
  );
};
