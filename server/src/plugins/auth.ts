// Sign-in: every route needs a valid session or kiosk token unless it opts out with
// `config: { public: true }` (health, login, the client's files); routes declare the roles
// they allow with app.requireRole(...).
import { randomBytes } from 'node:crypto';
import { countUsers, createUser, ensureSecret, type Role } from '@porttwin/db';
import type { FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { generatePassword, hashPassword } from '../auth/passwords';
import { type Session, SessionTokens } from '../auth/session-tokens';
import { ForbiddenError, UnauthorizedError } from '../errors';

declare module 'fastify' {
  interface FastifyInstance {
    sessions: SessionTokens;
    requireRole(...roles: Role[]): (request: FastifyRequest, reply: FastifyReply) => Promise<void>;
  }
  interface FastifyRequest {
    session: Session | null;
  }
  interface FastifyContextConfig {
    /** Served without a session; routes are private unless they say so. */
    public?: boolean;
  }
}

export interface AuthOptions {
  /** The first admin's password; generated (and reported through onAdminCreated) when null. */
  adminPassword: string | null;
  onAdminCreated?: (username: string, password: string, generated: boolean) => void;
}

/**
 * Whether a request may go on without a session. Decided on the route the router matched,
 * never on the request target's spelling: the router decodes `/%61pi/assets`, strips
 * `http://x` and stops at `#`, and a check on the raw URL let all of those through (issue 7).
 * An unmatched request reaches only the not-found handler, which serves the app shell or a
 * 404 and never data.
 */
function isPublic(request: FastifyRequest): boolean {
  return request.is404 || request.routeOptions.config.public === true;
}

export const authPlugin = fp<AuthOptions>(
  async (app, options) => {
    const secret = await ensureSecret(app.db, 'session-signing', () => randomBytes(32).toString('base64url'));
    app.decorate('sessions', new SessionTokens(secret));
    await ensureFirstAdmin(app.db, options);

    app.decorateRequest('session', null);
    app.addHook('onRequest', async (request) => {
      request.session = sessionOf(app.sessions, request.headers.authorization);
      if (!request.session && !isPublic(request)) throw new UnauthorizedError();
    });
    app.decorate('requireRole', (...roles: Role[]) => async (request: FastifyRequest) => {
      const role = request.session?.role;
      if (!role) throw new UnauthorizedError();
      if (role !== 'admin' && !roles.includes(role)) throw new ForbiddenError(role, `${request.method} ${request.routeOptions.url}`);
    });
  },
  { name: 'porttwin-auth', dependencies: ['porttwin-database'] },
);

function sessionOf(tokens: SessionTokens, header: string | undefined): Session | null {
  if (!header?.startsWith('Bearer ')) return null;
  return tokens.verify(header.slice('Bearer '.length).trim());
}

async function ensureFirstAdmin(db: Parameters<typeof countUsers>[0], options: AuthOptions): Promise<void> {
  if ((await countUsers(db)) > 0) return;
  const generated = options.adminPassword === null;
  const password = options.adminPassword ?? generatePassword();
  if (await createUser(db, { username: 'admin', passwordHash: await hashPassword(password), role: 'admin' })) {
    options.onAdminCreated?.('admin', password, generated);
  }
}
