// Users managed by admins: created, listed, changed and deleted through the API, signed in
// with what was set; the password policy names the rule broken; the last admin stays.
import { type Database, openDatabase } from '@porttwin/db';
import { readSiteFile, SMALL_PORT_SITE_FILE } from '@porttwin/simulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type App, buildApp } from '../app';
import { sessionTokenOf } from '../testing/tokens';

const site = readSiteFile(SMALL_PORT_SITE_FILE);

describe('users, managed by admins', () => {
  let db: Database;
  let app: App;
  let admin: { authorization: string };

  beforeAll(async () => {
    db = await openDatabase();
    app = await buildApp({ db, site, adminPassword: 'harbour-master', clientDir: '/nonexistent' });
    await app.ready();
    admin = { authorization: `Bearer ${await sessionTokenOf(app, 'admin')}` };
  });
  afterAll(async () => {
    await app?.close();
    await db?.close();
  });

  const api = (method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, payload?: object) =>
    app.inject({ method, url, headers: admin, ...(payload ? { payload } : {}) });
  const signIn = (username: string, password: string, remoteAddress: string) =>
    app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password }, remoteAddress });

  it('creates a user who then signs in with that role, and lists them', async () => {
    const created = await api('POST', '/api/users', { username: 'berth-planner', password: 'moored-at-berth-four', role: 'supervisor' });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toEqual({ username: 'berth-planner', role: 'supervisor', createdAt: expect.any(Number) });
    const signedIn = await signIn('berth-planner', 'moored-at-berth-four', '192.0.2.10');
    expect({ status: signedIn.statusCode, user: signedIn.json().user }).toEqual({
      status: 200,
      user: { username: 'berth-planner', role: 'supervisor' },
    });
    const listed = (await api('GET', '/api/users')).json() as { username: string; role: string }[];
    expect(listed.map(({ username, role }) => ({ username, role }))).toEqual([
      { username: 'admin', role: 'admin' },
      { username: 'berth-planner', role: 'supervisor' },
    ]);
    const again = await api('POST', '/api/users', { username: 'berth-planner', password: 'another-long-secret', role: 'viewer' });
    expect({ status: again.statusCode, code: again.json().code }).toEqual({ status: 409, code: 'PT_USER_EXISTS' });
  });

  it('refuses a password that breaks the policy, naming the rule', async () => {
    const cases: [string, string, string][] = [
      ['tally-clerk', 'short-pass', 'server: the password must be at least 12 characters (it has 10)'],
      ['tally-clerk', 'x'.repeat(129), 'server: the password must be at most 128 characters (it has 129)'],
      ['tally-clerk-01', 'Tally-Clerk-01', 'server: the password must not be the user name'],
      ['tally-clerk', 'Password1234', 'server: the password is one of the most common passwords'],
      ['tally-clerk', '港口港口港口港口港口港', 'server: the password must be at least 12 characters (it has 11)'],
    ];
    for (const [username, password, message] of cases) {
      const refused = await api('POST', '/api/users', { username, password, role: 'operator' });
      expect({ password, status: refused.statusCode, code: refused.json().code, message: refused.json().message }).toEqual({
        password,
        status: 400,
        code: 'PT_WEAK_PASSWORD',
        message,
      });
    }
    const changed = await api('PATCH', '/api/users/admin', { password: 'admin1234567' });
    expect({ status: changed.statusCode, message: changed.json().message }).toEqual({
      status: 400,
      message: 'server: the password is one of the most common passwords',
    });
    expect((await api('GET', '/api/users')).json().map((user: { username: string }) => user.username)).not.toContain('tally-clerk');
  });

  it("changes a user's role and password: the new password signs in, the old one no longer", async () => {
    await api('POST', '/api/users', { username: 'gate-clerk', password: 'first-shift-password', role: 'viewer' });
    const changed = await api('PATCH', '/api/users/gate-clerk', { role: 'operator', password: 'second-shift-password' });
    expect({ status: changed.statusCode, role: changed.json().role }).toEqual({ status: 200, role: 'operator' });
    expect((await signIn('gate-clerk', 'first-shift-password', '192.0.2.11')).statusCode).toBe(401);
    const signedIn = await signIn('gate-clerk', 'second-shift-password', '192.0.2.11');
    expect(signedIn.json().user).toEqual({ username: 'gate-clerk', role: 'operator' });
    const roleOnly = await api('PATCH', '/api/users/gate-clerk', { role: 'engineer' });
    expect(roleOnly.json().role).toBe('engineer');
    expect((await api('PATCH', '/api/users/gate-clerk', {})).statusCode).toBe(400);
    expect((await api('PATCH', '/api/users/gate-clerk', { role: 'kiosk' })).statusCode).toBe(400);
    expect((await api('PATCH', '/api/users/nobody', { role: 'viewer' })).statusCode).toBe(404);
  });

  it('neither demotes nor deletes the last admin, and does once there is another', async () => {
    const demoted = await api('PATCH', '/api/users/admin', { role: 'supervisor' });
    expect({ status: demoted.statusCode, code: demoted.json().code, message: demoted.json().message }).toEqual({
      status: 409,
      code: 'PT_LAST_ADMIN',
      message: 'server: admin is the last admin; make another admin first',
    });
    const deleted = await api('DELETE', '/api/users/admin');
    expect({ status: deleted.statusCode, code: deleted.json().code }).toEqual({ status: 409, code: 'PT_LAST_ADMIN' });
    // Changing the last admin's password is no demotion.
    expect((await api('PATCH', '/api/users/admin', { password: 'harbour-master-2027' })).statusCode).toBe(200);

    await api('POST', '/api/users', { username: 'night-admin', password: 'lights-on-the-quay', role: 'admin' });
    expect((await api('PATCH', '/api/users/admin', { role: 'supervisor' })).statusCode).toBe(200);
    // From here on the night admin acts: the demoted admin's token holds supervisor now.
    admin = { authorization: `Bearer ${await sessionTokenOf(app, 'night-admin')}` };
    const lastNow = await api('DELETE', '/api/users/night-admin');
    expect({ status: lastNow.statusCode, code: lastNow.json().code }).toEqual({ status: 409, code: 'PT_LAST_ADMIN' });
    expect((await api('DELETE', '/api/users/admin')).statusCode).toBe(204);
    expect((await api('DELETE', '/api/users/admin')).statusCode).toBe(404);
    const names = (await api('GET', '/api/users')).json().map((user: { username: string }) => user.username);
    expect(names).toEqual(['berth-planner', 'gate-clerk', 'night-admin']);
  });

  it("takes a user's role away at once: a demoted user's token is refused, a deleted user's signed out", async () => {
    await api('POST', '/api/users', { username: 'deputy-admin', password: 'second-key-to-the-gate', role: 'admin' });
    const signedIn = await signIn('deputy-admin', 'second-key-to-the-gate', '192.0.2.12');
    const deputy = { authorization: `Bearer ${signedIn.json().token}` };
    expect((await app.inject({ method: 'GET', url: '/api/users', headers: deputy })).statusCode).toBe(200);
    await api('PATCH', '/api/users/deputy-admin', { role: 'viewer' });
    const demoted = await app.inject({ method: 'GET', url: '/api/users', headers: deputy });
    expect({ status: demoted.statusCode, message: demoted.json().message }).toEqual({
      status: 403,
      message: 'server: role viewer may not GET /api/users',
    });
    expect((await app.inject({ method: 'GET', url: '/api/assets', headers: deputy })).statusCode).toBe(200);
    await api('DELETE', '/api/users/deputy-admin');
    const deleted = await app.inject({ method: 'GET', url: '/api/assets', headers: deputy });
    expect({ status: deleted.statusCode, code: deleted.json().code }).toEqual({ status: 401, code: 'PT_UNAUTHORIZED' });
  });
});
