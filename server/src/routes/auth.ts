// Signing in (kiosk tokens for wall screens are in kiosk-tokens.ts).
import { Role } from '@porttwin/contracts';
import { findUser, updatePasswordHash } from '@porttwin/db';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import Type from 'typebox';
import { hashPassword, needsRehash, verifyPassword } from '../auth/passwords';
import { BadCredentialsError } from '../errors';

const SESSION_TTL_MS = 12 * 3_600_000;

export const SignedIn = Type.Object({
  token: Type.String(),
  expiresAt: Type.Number(),
  user: Type.Object({ username: Type.String(), role: Role }),
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
          'Sign in; the token goes in `Authorization: Bearer` and the socket.io `auth.token`. Failures are throttled: 429 with Retry-After',
        body: Type.Object({
          username: Type.String({ minLength: 1, maxLength: 64 }),
          password: Type.String({ minLength: 1, maxLength: 256 }),
        }),
        response: { 200: SignedIn },
      },
    },
    async (request) => {
      const user = await findUser(app.db, request.body.username);
      if (!(await verifyPassword(request.body.password, user?.passwordHash ?? null)) || !user) {
        // The name tried, whether or not such a user exists: a run of guesses shows in the log.
        await app.audit(request, { action: 'sign-in.failed', username: request.body.username });
        throw new BadCredentialsError();
      }
      app.signInThrottle.succeeded(request);
      await app.audit(request, { action: 'sign-in', username: user.username, detail: { role: user.role } });
      if (needsRehash(user.passwordHash)) await updatePasswordHash(app.db, user.username, await hashPassword(request.body.password));
      const expiresAt = Date.now() + SESSION_TTL_MS;
      return {
        token: app.sessions.issue({ username: user.username, role: user.role, expiresAt }),
        expiresAt,
        user: { username: user.username, role: user.role },
      };
    },
  );
};
