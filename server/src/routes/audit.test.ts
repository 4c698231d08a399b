// The audit log (issue 8): each audited action leaves one line naming who, what, to what and
// from where; GET /api/audit reads them by range, action and user, bounded like the other
// history; and the database refuses to change or remove a line.
import { type Database, openDatabase } from '@porttwin/db';
import { readSiteFile, SMALL_PORT_SITE_FILE } from '@porttwin/simulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type App, buildApp } from '../app';
import { sessionTokenOf } from '../testing/tokens';

const site = readSiteFile(SMALL_PORT_SITE_FILE);

interface Line {
  username: string;
  action: string;
  subject: string | null;
  detail: Record<string, unknown>;
}

describe('the audit log', () => {
  let db: Database;
  let app: App;
  let admin: { authorization: string };
  let startedAt: number;

  beforeAll(async () => {
    db = await openDatabase();
    app = await buildApp({ db, site, adminPassword: 'harbour-master', clientDir: '/nonexistent' });
    await app.ready();
    startedAt = Date.now();
    admin = { authorization: `Bearer ${await sessionTokenOf(app, 'admin')}` };
  });
  afterAll(async () => {
    await app?.close();
    await db?.close();
  });

  const audit = async (query: string): Promise<Line[]> => {
    const response = await app.inject({ method: 'GET', url: `/api/audit?${query}`, headers: admin });
    expect(response.statusCode, response.body).toBe(200);
    return (response.json() as (Line & { id: number; at: number })[]).map(({ username, action, subject, detail }) => ({
      username,
      action,
      subject,
      detail,
    }));
  };

  it('records sign-ins, failed ones with the name tried, and the client address', async () => {
    const signIn = (username: string, password: string) =>
      app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password }, remoteAddress: '203.0.113.7' });
    expect((await signIn('admin', 'harbour-master')).statusCode).toBe(200);
    expect((await signIn('admin', 'wrong-guess')).statusCode).toBe(401);
    expect((await signIn('no-such-clerk', 'any-guess')).statusCode).toBe(401);
    expect(await audit('action=sign-in')).toEqual([
      {
        username: 'admin',
        action: 'sign-in',
        subject: null,
        detail: { address: '203.0.113.7', role: 'admin', session: expect.any(String) },
      },
    ]);
    expect(await audit('action=sign-in.failed')).toEqual([
      { username: 'no-such-clerk', action: 'sign-in.failed', subject: null, detail: { address: '203.0.113.7' } },
      { username: 'admin', action: 'sign-in.failed', subject: null, detail: { address: '203.0.113.7' } },
    ]);
  });

  it('records users created, changed and deleted, by whom', async () => {
    const as = (method: 'POST' | 'PATCH' | 'DELETE', url: string, payload?: object) =>
      app.inject({ method, url, headers: admin, remoteAddress: '203.0.113.8', ...(payload ? { payload } : {}) });
    expect(
      (await as('POST', '/api/users', { username: 'yard-foreman', password: 'stacks-of-boxes-high', role: 'viewer' })).statusCode,
    ).toBe(201);
    expect((await as('PATCH', '/api/users/yard-foreman', { role: 'operator', password: 'reefer-row-seventeen' })).statusCode).toBe(200);
    expect((await as('DELETE', '/api/users/yard-foreman')).statusCode).toBe(204);
    const address = '203.0.113.8';
    expect(await audit('user=admin&action=user.create')).toEqual([
      { username: 'admin', action: 'user.create', subject: 'yard-foreman', detail: { address, role: 'viewer' } },
    ]);
    expect(await audit('action=user.change')).toEqual([
      {
        username: 'admin',
        action: 'user.change',
        subject: 'yard-foreman',
        detail: { address, role: { from: 'viewer', to: 'operator' }, password: 'changed' },
      },
    ]);
    expect(await audit('action=user.delete')).toEqual([
      { username: 'admin', action: 'user.delete', subject: 'yard-foreman', detail: { address, role: 'operator' } },
    ]);
  });

  it('records kiosk tokens, device and publisher credentials issued, never their secrets', async () => {
    const kiosk = await app.inject({ method: 'POST', url: '/api/auth/kiosk-tokens', headers: admin, payload: { name: 'quay-wall' } });
    const device = await app.inject({ method: 'POST', url: '/api/devices/GL-IN-1/credentials', headers: admin });
    const publisher = await app.inject({ method: 'POST', url: '/api/sites/demo-port/publisher-credentials?name=bridge-a', headers: admin });
    expect([kiosk.statusCode, device.statusCode, publisher.statusCode]).toEqual([200, 200, 200]);
    const lines = await audit('user=admin');
    const issued = lines.filter((line) => line.action.endsWith('.issue'));
    expect(issued).toEqual([
      {
        username: 'admin',
        action: 'publisher-credential.issue',
        subject: 'publisher.demo-port.bridge-a',
        detail: { address: '127.0.0.1' },
      },
      { username: 'admin', action: 'device-credential.issue', subject: 'device.demo-port.GL-IN-1', detail: { address: '127.0.0.1' } },
      {
        username: 'admin',
        action: 'kiosk-token.issue',
        subject: 'kiosk:quay-wall',
        detail: { address: '127.0.0.1', id: kiosk.json().id, expiresAt: kiosk.json().expiresAt },
      },
    ]);
    const everything = JSON.stringify(lines);
    for (const secret of [kiosk.json().token, device.json().password, publisher.json().password]) expect(everything).not.toContain(secret);
  });

  it('reads a time range newest first, and refuses one past the bounds of the other history', async () => {
    const all = (await app.inject({ method: 'GET', url: `/api/audit?from=${startedAt - 1000}`, headers: admin })).json() as {
      at: number;
    }[];
    expect(all.length).toBe(9); // 3 sign-ins, 3 user changes, 3 issued
    expect(all.map((line) => line.at)).toEqual([...all.map((line) => line.at)].sort((a, b) => b - a));
    expect(await audit(`from=${startedAt - 60_000}&to=${startedAt - 1}`)).toEqual([]);
    expect((await app.inject({ method: 'GET', url: '/api/audit?limit=2', headers: admin })).json()).toHaveLength(2);
    const tooLong = await app.inject({
      method: 'GET',
      url: '/api/audit?from=2026-01-01T00:00:00Z&to=2026-03-01T00:00:00Z',
      headers: admin,
    });
    expect({ status: tooLong.statusCode, code: tooLong.json().code }).toEqual({ status: 400, code: 'PT_BAD_RANGE' });
    const badTime = await app.inject({ method: 'GET', url: '/api/audit?from=yesterday', headers: admin });
    expect({ status: badTime.statusCode, code: badTime.json().code }).toEqual({ status: 400, code: 'PT_BAD_TIME' });
    const unknownAction = await app.inject({ method: 'GET', url: '/api/audit?action=coffee.made', headers: admin });
    expect(unknownAction.statusCode).toBe(400);
  });

  it('cannot be changed or removed: the database refuses', async () => {
    await expect(db.query("UPDATE audit_log SET username = 'nobody' WHERE action = 'sign-in'")).rejects.toThrow(
      'audit_log is append-only: UPDATE refused',
    );
    await expect(db.query("DELETE FROM audit_log WHERE action = 'sign-in.failed'")).rejects.toThrow(
      'audit_log is append-only: DELETE refused',
    );
    expect(await audit('action=sign-in.failed')).toHaveLength(2);
  });
});
