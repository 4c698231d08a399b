// Sign-in: every route needs a session (the httpOnly cookie, or its token as a bearer for API
// clients) or a kiosk token, unless it opts out with `config: { public: true }` (health, login,
// the client's files); routes declare the roles they allow with
// `onRequest: app.requireRole(...MAY.x)` (contracts' role matrix), and a private route that
// declares none is refused to everyone (issue 8: deny by default). A request signed in by the
// cookie that may change something must also carry the session's CSRF token.
import { randomBytes } from 'node:crypto';
import fastifyCookie from '@fastify/cookie';
import type { Role } from '@porttwin/contracts';
import { countUsers, createUser, deleteOldSessions, ensureSecret } from '@porttwin/db';
import type { FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { generatePassword, hashPassword } from '../auth/passwords';
import { CSRF_HEADER, credentialOf, type SessionCookie } from '../auth/session-cookie';
import { type Session, type SessionPolicy, Sessions } from '../auth/sessions';
import { CsrfError, ForbiddenError, UnauthorizedError } from '../errors';

declare module 'fastify' {
  interface FastifyInstance {
    sessions: Sessions;
    sessionCookie: SessionCookie;
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
  /** Idle and absolute session expiry (config: SESSION_IDLE_MINUTES, SESSION_MAX_HOURS). */
  sessionPolicy?: SessionPolicy;
  /** Mark the cookie Secure: the console is reached over HTTPS (its own TLS, or a proxy's). */
  secureCookies?: boolean;
  /** The clock sessions expire by; tests move it. */
  now?: () => number;
}

/** Sessions over (ended or past their end) are kept this long, then forgotten; the audit log keeps who signed in and out. */
const KEEP_ENDED_SESSIONS_MS = 7 * 24 * 3_600_000;
const SESSION_HOUSEKEEPING_MS = 3_600_000;

/** Methods that change nothing, so need no CSRF token (RFC 9110 safe methods). */
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

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
    await app.register(fastifyCookie);
    app.decorate('sessions', new Sessions(app.db, secret, options.sessionPolicy, options.now));
    app.decorate('sessionCookie', { secure: options.secureCookies ?? false });
    await ensureFirstAdmin(app.db, options);

    // The sessions table would otherwise grow by every sign-in for ever.
    const now = options.now ?? Date.now;
    const forgetOldSessions = () =>
      void deleteOldSessions(app.db, now() - KEEP_ENDED_SESSIONS_MS).catch((error: unknown) =>
        app.log.error({ err: error }, 'server: cannot delete old sessions; trying again in an hour'),
      );
    let housekeeping: NodeJS.Timeout | null = null;
    app.addHook('onReady', async () => {
      forgetOldSessions();
      housekeeping = setInterval(forgetOldSessions, SESSION_HOUSEKEEPING_MS);
      housekeeping.unref();
    });
    app.addHook('onClose', async () => {
      if (housekeeping) clearInterval(housekeeping);
    });

    app.decorateRequest('session', null);
    app.addHook('onRoute', (route) => {
      const hooks = [route.onRequest ?? []].flat();
      route.config = { ...route.config, rolesDeclared: hooks.some((hook) => ROLE_CHECK in hook) };
    });
    app.addHook('onRequest', async (request) => {
      const credential = credentialOf(request);
      // The session holds the role its user has now, and none once it ended (sessions.ts).
      request.session = credential ? await app.sessions.resolve(credential.token) : null;
      if (isPublic(request)) return;
      if (!request.session || !credential) throw new UnauthorizedError();
      // A browser sends the cookie with any request to us, even one another site's page makes;
      // only our own page can read the CSRF token to send back. A bearer is never sent so.
      if (credential.via === 'cookie' && !SAFE_METHODS.has(request.method)) {
        const given = request.headers[CSRF_HEADER];
        if (
          request.session.id === null ||
          !app.sessions.csrfTokenMatches(request.session.id, typeof given === 'string' ? given : undefined)
        )
          throw new CsrfError();
      }
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

async function ensureFirstAdmin(db: Parameters<typeof countUsers>[0], options: AuthOptions): Promise<void> {
  if ((await countUsers(db)) > 0) return;
  const generated = options.adminPassword === null;
  const password = options.adminPassword ?? generatePassword();
  if (await createUser(db, { username: 'admin', passwordHash: await hashPassword(password), role: 'admin' })) {
    options.onAdminCreated?.('admin', password, generated);
  }
}
