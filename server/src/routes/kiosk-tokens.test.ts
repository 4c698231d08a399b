// Kiosk tokens (issue 8): issued and listed by admins without the token text, working on HTTP
// and socket.io until revoked, then refused at once: 401 on HTTP, the open socket dropped and
// a new handshake refused. Real listening server and a real socket.io client.
import { createUser, type Database, listAudit, openDatabase } from '@porttwin/db';
import { readSiteFile, SMALL_PORT_SITE_FILE } from '@porttwin/simulator';
import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type App, buildApp } from '../app';
import { connectLive } from '../testing/live-socket';
import { kioskTokenOf, sessionTokenOf } from '../testing/tokens';
import { KIOSK_TTL_MS } from './kiosk-tokens';

const site = readSiteFile(SMALL_PORT_SITE_FILE);

describe('kiosk tokens', () => {
  let db: Database;
  let app: App;
  let port: number;
  let admin: { authorization: string };
  const sockets: Socket[] = [];

  beforeAll(async () => {
    db = await openDatabase();
    app = await buildApp({ db, site, adminPassword: 'harbour-master', clientDir: '/nonexistent' });
    await app.listen({ port: 0, host: '127.0.0.1' });
    port = (app.server.address() as { port: number }).port;
    const login = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'admin', password: 'harbour-master' } });
    admin = { authorization: `Bearer ${login.json().token}` };
  });
  afterAll(async () => {
    for (const socket of sockets) socket.close();
    await app?.close();
    await db?.close();
  });

  const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
  const issue = (name: string, headers = admin) =>
    app.inject({ method: 'POST', url: '/api/auth/kiosk-tokens', headers, payload: { name } });

  const connect = (token: string) => connectLive(port, { token }, sockets);

  it('issues a token for 90 days, recorded and listed without its text', async () => {
    const before = Date.now();
    const issued = await issue('quay-wall');
    expect(issued.statusCode).toBe(200);
    const { id, token, expiresAt, user } = issued.json();
    expect(user).toEqual({ username: 'kiosk:quay-wall', role: 'kiosk' });
    expect(expiresAt).toBeGreaterThanOrEqual(before + KIOSK_TTL_MS);
    expect(expiresAt).toBeLessThanOrEqual(Date.now() + KIOSK_TTL_MS);

    const listed = await app.inject({ method: 'GET', url: '/api/auth/kiosk-tokens', headers: admin });
    expect(listed.statusCode).toBe(200);
    expect(listed.json()).toEqual([
      { id, name: 'quay-wall', issuedBy: 'admin', createdAt: expect.any(Number), expiresAt, revokedAt: null },
    ]);
    expect(listed.body).not.toContain(token);
  });

  it('holds on HTTP and socket.io until revoked, then is refused at once on both', async () => {
    const { id, token } = (await issue('gate-wall')).json();
    expect((await app.inject({ method: 'GET', url: '/api/assets', headers: bearer(token) })).statusCode).toBe(200);
    const open = await connect(token);
    if (!('socket' in open)) throw new Error(`socket refused: ${open.refused}`);
    const dropped = new Promise<string>((resolve) => open.socket.once('disconnect', resolve));

    const revoked = await app.inject({ method: 'DELETE', url: `/api/auth/kiosk-tokens/${id}`, headers: admin });
    expect(revoked.statusCode).toBe(200);
    expect(revoked.json()).toMatchObject({ id, name: 'gate-wall', revokedAt: expect.any(Number) });

    // No 5 s grace on the server that revoked it.
    expect((await app.inject({ method: 'GET', url: '/api/assets', headers: bearer(token) })).statusCode).toBe(401);
    expect(await dropped).toBe('io server disconnect');
    expect(await connect(token)).toEqual({ refused: 'unauthorized' });

    const listed = (await app.inject({ method: 'GET', url: '/api/auth/kiosk-tokens', headers: admin })).json() as {
      id: string;
      revokedAt: number | null;
    }[];
    expect(listed.find((row) => row.id === id)?.revokedAt).toEqual(expect.any(Number));
  });

  it('leaves the sockets of other kiosk tokens open when one is revoked', async () => {
    const kept = await connect((await issue('yard-wall')).json().token);
    const gone = (await issue('berth-wall')).json();
    const dropped = await connect(gone.token);
    if (!('socket' in kept) || !('socket' in dropped)) throw new Error('socket refused');
    const disconnected = new Promise<string>((resolve) => dropped.socket.once('disconnect', resolve));
    const [keptId, droppedId] = [kept.socket.id, dropped.socket.id];
    expect((await app.inject({ method: 'DELETE', url: `/api/auth/kiosk-tokens/${gone.id}`, headers: admin })).statusCode).toBe(200);
    await disconnected;
    const open = (await app.io.fetchSockets()).map((socket) => socket.id);
    expect(open).toContain(keptId);
    expect(open).not.toContain(droppedId);
    expect(kept.socket.connected).toBe(true);
  });

  it('refuses a kiosk token whose id is not on record', async () => {
    const unknown = kioskTokenOf(app, 'no-such', 'old-wall');
    expect((await app.inject({ method: 'GET', url: '/api/assets', headers: bearer(unknown) })).statusCode).toBe(401);
    expect(await connect(unknown)).toEqual({ refused: 'unauthorized' });
  });

  it('answers 404 for an unknown id', async () => {
    const response = await app.inject({ method: 'DELETE', url: '/api/auth/kiosk-tokens/no-such-token', headers: admin });
    expect(response.statusCode).toBe(404);
  });

  it('is for admins only: others get 403 on issue, list and revoke', async () => {
    await createUser(db, { username: 'shift-lead', passwordHash: 'scrypt$not$a-password', role: 'supervisor' });
    const supervisor = bearer(await sessionTokenOf(app, 'shift-lead'));
    const { id, token } = (await issue('office-wall')).json();
    const answers = [
      (await issue('rogue-wall', supervisor)).statusCode,
      (await app.inject({ method: 'GET', url: '/api/auth/kiosk-tokens', headers: supervisor })).statusCode,
      (await app.inject({ method: 'DELETE', url: `/api/auth/kiosk-tokens/${id}`, headers: supervisor })).statusCode,
      (await app.inject({ method: 'GET', url: '/api/auth/kiosk-tokens', headers: bearer(token) })).statusCode,
      (await app.inject({ method: 'DELETE', url: `/api/auth/kiosk-tokens/${id}`, headers: bearer(token) })).statusCode,
    ];
    expect(answers).toEqual([403, 403, 403, 403, 403]);
  });

  it('audits the issue and the revocation, never the token', async () => {
    const { id, token } = (await issue('audit-wall')).json();
    await app.inject({ method: 'DELETE', url: `/api/auth/kiosk-tokens/${id}`, headers: admin });
    const lines = await listAudit(db, { from: 0, to: Date.now() + 1_000, limit: 1_000 });
    const ofToken = lines.filter((line) => line.detail.id === id).map(({ username, action, subject }) => ({ username, action, subject }));
    expect(ofToken).toEqual([
      { username: 'admin', action: 'kiosk-token.revoke', subject: 'kiosk:audit-wall' },
      { username: 'admin', action: 'kiosk-token.issue', subject: 'kiosk:audit-wall' },
    ]);
    expect(JSON.stringify(lines)).not.toContain(token);
  });
});
