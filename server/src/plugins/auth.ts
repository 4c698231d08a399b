// Sign-in: every route needs a valid session or kiosk token unless it opts out with
// `config: { public: true }` (health, login, the client's files); routes declare the roles
// they allow with `onRequest: app.requireRole(...MAY.x)` (contracts' role matrix), and a
// private route that declares none is refused to everyone (issue 8: deny by default).
import { randomBytes } from 'node:crypto';
import type { Role } from '@porttwin/contracts';
import { countUsers, createUser, ensureSecret } from '@porttwin/db';
import type { FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { generatePassword, hashPassword } from '../auth/passwords';
import { CurrentRoles } from '../auth/current-roles';
import { type Session, SessionTokens } from '../auth/session-tokens';
import { ForbiddenError, UnauthorizedError } from '../errors';

declare module 'fastify' {
  interface FastifyInstance {
    sessions: SessionTokens;
    currentRoles: CurrentRoles;
    requireRole(...roles: Role[]): (request: FastifyRequest, reply: FastifyReply) => Promise<void>;
  }
  interface FastifyRequest {
    session: Session | null;
  }
  interface FastifyContextConfig {
    /** Served without a session; routes are private unless they say so. */
    public?: boolean;
    /** Set at registration: whether the route's onRequest holds an app.requireRole(...). */
    rolesDeclared?: boolean;
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
    app.decorate('currentRoles', new CurrentRoles(app.db));
    await ensureFirstAdmin(app.db, options);

    app.decorateRequest('session', null);
    app.addHook('onRoute', (route) => {
      const hooks = [route.onRequest ?? []].flat();
      route.config = { ...route.config, rolesDeclared: hooks.some((hook) => ROLE_CHECK in hook) };
    });
    app.addHook('onRequest', async (request) => {
      request.session = sessionOf(app.sessions, request.headers.authorization);
      if (isPublic(request)) return;
      if (!request.session) throw new UnauthorizedError();
      // A user's token holds the role they have now; a kiosk token holds while it is on record
      // and unrevoked (current-roles.ts).
      const role = await app.currentRoles.ofSession(request.session);
      if (role === null) throw new UnauthorizedError();
      request.session = { ...request.session, role };
      if (request.routeOptions.config.rolesDeclared !== true)
        throw new ForbiddenError(request.session.role, `${request.method} ${request.routeOptions.url} (the route declares no roles)`);
    });
    app.decorate('requireRole', (...roles: Role[]) => {
      const check = async (request: FastifyRequest) => {
        const role = request.session?.role;
        if (!role) throw new UnauthorizedError();
        if (role !== 'admin' && !roles.includes(role)) throw new ForbiddenError(role, `${request.method} ${request.routeOptions.url}`);
      };
      return Object.assign(check, { [ROLE_CHECK]: roles });
    });
  },
  { name: 'porttwin-auth', dependencies: ['porttwin-database'] },
);

/** Marks the hooks requireRole makes, so registration can tell a route that declares roles. */
const ROLE_CHECK = Symbol('porttwin.requireRole');

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
