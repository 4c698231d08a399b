// Sessions (issue 8, part 2): the httpOnly SameSite cookie, CSRF on state-changing requests
// signed in by it, sign-out that ends the session everywhere, idle and absolute expiry by a
// clock the test moves, and a wall screen trading its kiosk token for a session. A real
// listening server, real socket.io clients, the embedded database.
import { createUser, type Database, listAudit, openDatabase } from '@porttwin/db';
import { readSiteFile, SMALL_PORT_SITE_FILE } from '@porttwin/simulator';
import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type App, buildApp } from '../app';
import { hashPassword } from '../auth/passwords';
import { SESSION_COOKIE } from '../auth/session-cookie';
import { SESSION_RECHECK_MS } from '../auth/sessions';
import { connectLive } from '../testing/live-socket';

const site = readSiteFile(SMALL_PORT_SITE_FILE);
const MINUTE = 60_000;
const POLICY = { idleMs: 30 * MINUTE, maxMs: 12 * 60 * MINUTE };
const EVER = { from: 0, to: 8_000_000_000_000, limit: 100 };

describe('sessions', () => {
  let db: Database;
  let app: App;
  let port: number;
  /** The clock sessions expire by; only this test moves it. */
  let clock = Date.now();
  const sockets: Socket[] = [];

  beforeAll(async () => {
    db = await openDatabase();
    app = await buildApp({
      db,
      site,
      adminPassword: 'harbour-master',
      clientDir: '/nonexistent',
      sessionPolicy: POLICY,
      now: () => clock,
      sessionSweepMs: 50,
    });
    await app.listen({ port: 0, host: '127.0.0.1' });
    port = (app.server.address() as { port: number }).port;
    await createUser(db, { username: 'berth-planner', passwordHash: await hashPassword('cranes-at-dawn-7'), role: 'supervisor' });
  });
  afterAll(async () => {
    for (const socket of sockets) socket.close();
    await app?.close();
    await db?.close();
  });

  /** Moves the clock past what every server may remember of a session, so the test sees the database's answer. */
  const advance = (ms: number) => {
    clock += ms + SESSION_RECHECK_MS;
  };

  async function signIn(username = 'berth-planner', password = 'cranes-at-dawn-7') {
    const response = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
    expect(response.statusCode).toBe(200);
    const cookie = response.cookies.find((c) => c.name === SESSION_COOKIE);
    if (!cookie) throw new Error(`no ${SESSION_COOKIE} cookie in ${JSON.stringify(response.headers['set-cookie'])}`);
    const body = response.json() as { token: string; csrfToken: string; expiresAt: number };
    return { cookie, ...body, cookieHeader: { cookie: `${SESSION_COOKIE}=${cookie.value}` } };
  }

  const statusOf = async (headers: Record<string, string>, url = '/api/assets') =>
    (await app.inject({ method: 'GET', url, headers })).statusCode;

  const connect = (credential: { token?: string; cookie?: string }) => connectLive(port, credential, sockets);

  it('sets an httpOnly, SameSite=Strict cookie for the whole console, ending with the session, and its token for API clients', async () => {
    const before = clock;
    const session = await signIn();
    expect(session.cookie).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/' });
    expect(session.cookie.secure).toBeUndefined();
    expect(session.cookie.value).toBe(session.token);
    expect(new Date(session.cookie.expires!).getTime()).toBe(Math.floor((before + POLICY.maxMs) / 1000) * 1000);
    expect(session.expiresAt).toBe(before + POLICY.idleMs);
    expect(await statusOf(session.cookieHeader)).toBe(200);
    expect(await statusOf({ authorization: `Bearer ${session.token}` })).toBe(200);
    const current = await app.inject({ method: 'GET', url: '/api/auth/session', headers: session.cookieHeader });
    expect(current.json()).toEqual({
      user: { username: 'berth-planner', role: 'supervisor' },
      expiresAt: before + POLICY.idleMs,
      csrfToken: session.csrfToken,
      kiosk: false,
    });
  });

  it('marks the cookie Secure when the console is reached over HTTPS', async () => {
    const secure = await buildApp({ db, site, adminPassword: null, clientDir: '/nonexistent', secureCookies: true });
    const response = await secure.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'berth-planner', password: 'cranes-at-dawn-7' },
    });
    await secure.close();
    expect(response.cookies.find((c) => c.name === SESSION_COOKIE)).toMatchObject({ secure: true, httpOnly: true, sameSite: 'Strict' });
  });

  it('refuses a state-changing request signed in by the cookie without the session’s CSRF token; a bearer needs none', async () => {
    const admin = await signIn('admin', 'harbour-master');
    const issue = (headers: Record<string, string>) =>
      app.inject({ method: 'POST', url: '/api/auth/kiosk-tokens', headers, payload: { name: `wall-${Object.keys(headers).join('-')}` } });
    const other = await signIn('admin', 'harbour-master');
    const answers = {
      none: (await issue(admin.cookieHeader)).json().code,
      wrong: (await issue({ ...admin.cookieHeader, 'x-csrf-token': 'guessed' })).json().code,
      anotherSessions: (await issue({ ...admin.cookieHeader, 'x-csrf-token': other.csrfToken })).json().code,
      right: (await issue({ ...admin.cookieHeader, 'x-csrf-token': admin.csrfToken })).statusCode,
      bearer: (await issue({ authorization: `Bearer ${admin.token}` })).statusCode,
      // Reading needs no CSRF token: a GET changes nothing.
      read: await statusOf(admin.cookieHeader, '/api/auth/kiosk-tokens'),
    };
    expect(answers).toEqual({ none: 'PT_CSRF', wrong: 'PT_CSRF', anotherSessions: 'PT_CSRF', right: 200, bearer: 200, read: 200 });
  });

  it('signs out: the cookie is cleared, the token refused on HTTP and socket.io, its open socket dropped', async () => {
    const session = await signIn();
    const kept = await signIn();
    const open = await connect({ cookie: `${SESSION_COOKIE}=${session.token}` });
    if (!('socket' in open)) throw new Error(`socket refused: ${open.refused}`);
    const dropped = new Promise<string>((resolve) => open.socket.once('disconnect', resolve));

    const out = await app.inject({
      method: 'POST',
      url: '/api/auth/logout',
      headers: { ...session.cookieHeader, 'x-csrf-token': session.csrfToken },
    });
    expect(out.statusCode).toBe(204);
    const cleared = out.cookies.find((c) => c.name === SESSION_COOKIE);
    expect({ value: cleared?.value, expires: cleared?.expires?.getTime() }).toEqual({ value: '', expires: 0 });
    expect(await dropped).toBe('io server disconnect');

    expect(await statusOf(session.cookieHeader)).toBe(401);
    expect(await statusOf({ authorization: `Bearer ${session.token}` })).toBe(401);
    expect(await connect({ token: session.token })).toEqual({ refused: 'unauthorized' });
    // Another session of the same user goes on.
    expect(await statusOf(kept.cookieHeader)).toBe(200);
    const audit = await listAudit(db, EVER, { action: 'sign-out' });
    expect(audit.map((entry) => ({ username: entry.username, session: entry.detail.session }))).toContainEqual({
      username: 'berth-planner',
      session: expect.any(String),
    });
  });

  it('ends a session after 30 idle minutes, and keeps one in use alive until its 12 h are up', async () => {
    const idle = await signIn();
    const busy = await signIn();
    advance(20 * MINUTE);
    expect(await statusOf(busy.cookieHeader)).toBe(200);
    advance(20 * MINUTE);
    expect({ idle: await statusOf(idle.cookieHeader), busy: await statusOf(busy.cookieHeader) }).toEqual({ idle: 401, busy: 200 });
    expect(await connect({ token: idle.token })).toEqual({ refused: 'unauthorized' });

    // Used every 20 minutes, the busy one still ends 12 h after sign-in.
    const signedInAt = clock - 40 * MINUTE - 2 * SESSION_RECHECK_MS;
    while (clock + 20 * MINUTE + SESSION_RECHECK_MS < signedInAt + POLICY.maxMs) {
      advance(20 * MINUTE);
      expect(await statusOf(busy.cookieHeader)).toBe(200);
    }
    clock = signedInAt + POLICY.maxMs + SESSION_RECHECK_MS;
    expect(await statusOf(busy.cookieHeader)).toBe(401);
  });

  it('drops an open socket once its session runs out, without anyone signing out', async () => {
    const session = await signIn();
    const open = await connect({ token: session.token });
    if (!('socket' in open)) throw new Error(`socket refused: ${open.refused}`);
    const dropped = new Promise<string>((resolve) => open.socket.once('disconnect', resolve));
    advance(POLICY.idleMs);
    expect(await dropped).toBe('io server disconnect');
  });

  it('ends a deleted user’s sessions for good, even if the name is given to someone new', async () => {
    const admin = await signIn('admin', 'harbour-master');
    await createUser(db, { username: 'temp-clerk', passwordHash: await hashPassword('papers-please-42'), role: 'operator' });
    const clerk = await signIn('temp-clerk', 'papers-please-42');
    const asAdmin = { authorization: `Bearer ${admin.token}` };
    expect((await app.inject({ method: 'DELETE', url: '/api/users/temp-clerk', headers: asAdmin })).statusCode).toBe(204);
    const again = await app.inject({
      method: 'POST',
      url: '/api/users',
      headers: asAdmin,
      payload: { username: 'temp-clerk', password: 'a-new-person-here-9', role: 'admin' },
    });
    expect(again.statusCode).toBe(201);
    advance(0);
    expect(await statusOf({ authorization: `Bearer ${clerk.token}` })).toBe(401);
  });

  it('ends a user’s other sessions when their password changes, not the one that changed it', async () => {
    await createUser(db, { username: 'night-admin', passwordHash: await hashPassword('moon-over-quay-3'), role: 'admin' });
    const changing = await signIn('night-admin', 'moon-over-quay-3');
    const elsewhere = await signIn('night-admin', 'moon-over-quay-3');
    const changed = await app.inject({
      method: 'PATCH',
      url: '/api/users/night-admin',
      headers: { authorization: `Bearer ${changing.token}` },
      payload: { password: 'a-fresh-password-55' },
    });
    expect(changed.statusCode).toBe(200);
    expect({ changing: await statusOf(changing.cookieHeader), elsewhere: await statusOf(elsewhere.cookieHeader) }).toEqual({
      changing: 200,
      elsewhere: 401,
    });
  });

  describe('a wall screen', () => {
    async function kioskToken(name: string) {
      const admin = await signIn('admin', 'harbour-master');
      const issued = await app.inject({
        method: 'POST',
        url: '/api/auth/kiosk-tokens',
        headers: { authorization: `Bearer ${admin.token}` },
        payload: { name },
      });
      return { admin, ...(issued.json() as { id: string; token: string; expiresAt: number }) };
    }

    it('trades its kiosk token for a session cookie that ends with the token, and never idles out', async () => {
      const { id, token, expiresAt } = await kioskToken('gate-wall');
      const traded = await app.inject({ method: 'POST', url: '/api/auth/kiosk-session', payload: { token } });
      expect(traded.statusCode).toBe(200);
      expect(traded.json()).toMatchObject({ user: { username: 'kiosk:gate-wall', role: 'kiosk' }, expiresAt });
      const cookie = traded.cookies.find((c) => c.name === SESSION_COOKIE)!;
      expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Strict' });
      expect(cookie.value).not.toBe(token);
      const wall = { cookie: `${SESSION_COOKIE}=${cookie.value}` };

      advance(POLICY.idleMs * 4);
      expect(await statusOf(wall)).toBe(200);
      // Read-only: a kiosk may do nothing but watch.
      const refused = await app.inject({
        method: 'POST',
        url: '/api/auth/kiosk-tokens',
        headers: { ...wall, 'x-csrf-token': traded.json().csrfToken },
        payload: { name: 'self-made' },
      });
      expect(refused.json().code).toBe('PT_FORBIDDEN');

      const open = await connect({ cookie: wall.cookie });
      if (!('socket' in open)) throw new Error(`socket refused: ${open.refused}`);
      const dropped = new Promise<string>((resolve) => open.socket.once('disconnect', resolve));
      // The admin who issued it has idled out meanwhile: another signs in to revoke it.
      const revoker = await signIn('admin', 'harbour-master');
      const revoked = await app.inject({
        method: 'DELETE',
        url: `/api/auth/kiosk-tokens/${id}`,
        headers: { authorization: `Bearer ${revoker.token}` },
      });
      expect(revoked.statusCode).toBe(200);
      expect(await statusOf(wall)).toBe(401);
      expect(await dropped).toBe('io server disconnect');
      const audit = await listAudit(db, EVER, { action: 'kiosk-session.open' });
      expect(audit.map((entry) => ({ username: entry.username, id: entry.detail.id }))).toEqual([{ username: 'kiosk:gate-wall', id }]);
    });

    it('refuses a token that is forged, unknown or revoked, and records the refusal', async () => {
      const { admin, id, token } = await kioskToken('office-wall');
      await app.inject({ method: 'DELETE', url: `/api/auth/kiosk-tokens/${id}`, headers: { authorization: `Bearer ${admin.token}` } });
      const answers = [];
      for (const tried of [token, `${token.slice(0, -4)}AAAA`, 'not-a-token']) {
        const response = await app.inject({ method: 'POST', url: '/api/auth/kiosk-session', payload: { token: tried } });
        answers.push({ status: response.statusCode, code: response.json().code, cookie: response.headers['set-cookie'] ?? null });
      }
      expect(answers).toEqual(Array(3).fill({ status: 401, code: 'PT_BAD_KIOSK_TOKEN', cookie: null }));
      const audit = await listAudit(db, EVER, { action: 'kiosk-session.refused' });
      expect(audit.map((entry) => entry.username).sort()).toEqual(['(unknown token)', '(unknown token)', 'kiosk:office-wall']);
    });
  });
});
