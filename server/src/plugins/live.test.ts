// The live socket asks for a session in its handshake: no token, or a forged one, gets
// `unauthorized` and no snapshot. Spoken in engine.io's polling protocol, so no client library.
import { ROLES } from '@porttwin/contracts';
import { createUser, type Database, insertKioskToken, openDatabase } from '@porttwin/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type App, buildApp } from '../app';
import { kioskTokenOf, sessionTokenOf } from '../testing/tokens';
import { readSiteFile, SMALL_PORT_SITE_FILE } from '@porttwin/simulator';

const site = readSiteFile(SMALL_PORT_SITE_FILE);

describe('the live socket', () => {
  let db: Database;
  let app: App;
  let base: string;
  let token: string;

  beforeAll(async () => {
    db = await openDatabase();
    app = await buildApp({ db, site, adminPassword: 'harbour-master', clientDir: '/nonexistent' });
    await app.listen({ port: 0, host: '127.0.0.1' });
    base = `http://127.0.0.1:${(app.server.address() as { port: number }).port}/socket.io/?EIO=4&transport=polling`;
    const login = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'admin', password: 'harbour-master' } });
    token = login.json().token;
  });
  afterAll(async () => {
    await app?.close();
    await db?.close();
  });

  /** Opens an engine.io session, asks to join the main namespace with `auth`, returns the packets that come back. */
  async function connectWith(auth: object | null): Promise<string[]> {
    const open = await (await fetch(base)).text();
    const sid = (JSON.parse(open.slice(1)) as { sid: string }).sid;
    const posted = await fetch(`${base}&sid=${sid}`, { method: 'POST', body: auth ? `40${JSON.stringify(auth)}` : '40' });
    expect(posted.status).toBe(200);
    // Packets in one poll are separated by the record separator (engine.io protocol v4).
    return (await (await fetch(`${base}&sid=${sid}`)).text()).split('\x1e');
  }

  it('refuses a handshake without a token, sending nothing of the port', async () => {
    const packets = await connectWith(null);
    expect(packets).toEqual(['44{"message":"unauthorized"}']);
  });

  it('refuses a handshake with a forged token', async () => {
    const packets = await connectWith({ token: `${token.slice(0, -4)}AAAA` });
    expect(packets).toEqual(['44{"message":"unauthorized"}']);
  });

  it('refuses the token of a user who has since been deleted', async () => {
    const gone = await sessionTokenOf(app, 'left-the-port');
    expect(await connectWith({ token: gone })).toEqual(['44{"message":"unauthorized"}']);
  });

  it('sends the snapshot once the handshake carries a session token', async () => {
    const packets = await connectWith({ token });
    expect(packets[0]).toMatch(/^40\{"sid":/);
    expect(packets.some((packet) => packet.startsWith('42["snapshot",'))).toBe(true);
  });

  it('sends the snapshot to a session of every role, kiosk included (issue 8)', async () => {
    for (const role of ROLES) {
      const expiresAt = Date.now() + 60_000;
      if (role !== 'kiosk') await createUser(db, { username: `${role}-on-shift`, passwordHash: 'scrypt$not$a-password', role });
      else await insertKioskToken(db, { id: 'kiosk-on-shift', name: 'wall', issuedBy: 'admin', expiresAt });
      const roleToken = role === 'kiosk' ? kioskTokenOf(app, 'kiosk-on-shift') : await sessionTokenOf(app, `${role}-on-shift`);
      const packets = await connectWith({ token: roleToken });
      expect({ role, snapshot: packets.some((packet) => packet.startsWith('42["snapshot",')) }).toEqual({ role, snapshot: true });
    }
  });
});
