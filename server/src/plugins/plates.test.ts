// Plates as each role sees them (issue 8, part 6), on a real listening server: viewer and
// kiosk get them masked on HTTP (events, telemetry, live state) and socket.io (snapshot and
// pushes), operator and up in the clear; a demoted user's open socket is masked from the next
// push; a look-up by plate is refused to roles that see plates masked and audited for the rest.
import { type AssetState, type DeviceMessage, ROLES, type Role, type ServerToClientEvents } from '@porttwin/contracts';
import { createUser, type Database, insertKioskToken, listAudit, openDatabase, writeIngestBatch } from '@porttwin/db';
import { readSiteFile, SMALL_PORT_SITE_FILE } from '@porttwin/simulator';
import { io, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type App, buildApp } from '../app';
import { kioskTokenOf, sessionTokenOf } from '../testing/tokens';
import { waitUntil } from '../testing/wait-until';

const site = readSiteFile(SMALL_PORT_SITE_FILE);
const SITE = 'demo-port';
const T0 = Date.now() - 60_000;
const range = `from=${T0 - 60_000}&to=${T0 + 120_000}`;
const MASKED: readonly Role[] = ['viewer', 'kiosk'];

/** A truck through the gate and its tracker, both carrying its plate. */
function truckMessages(plate: string, seq: number): DeviceMessage[] {
  return [
    {
      site: SITE,
      kind: 'gate',
      assetId: 'GL-IN-1',
      channel: 'event',
      ts: T0 + seq,
      seq,
      receivedAt: T0 + seq,
      type: 'truck.arrived',
      data: { plate, direction: 'in', containers: [] },
    },
    {
      site: SITE,
      kind: 'truck',
      assetId: 'TRK-01',
      channel: 'telemetry',
      ts: T0 + seq,
      seq,
      receivedAt: T0 + seq,
      metrics: { x: 10, y: 20, plate },
    },
  ];
}

describe('plates by role', () => {
  let db: Database;
  let app: App;
  let port: number;
  const tokens = new Map<Role, string>();
  const sockets: Socket<ServerToClientEvents>[] = [];

  beforeAll(async () => {
    db = await openDatabase();
    app = await buildApp({ db, site, adminPassword: 'harbour-master', clientDir: '/nonexistent' });
    await app.listen({ port: 0, host: '127.0.0.1' });
    port = (app.server.address() as { port: number }).port;
    const expiresAt = Date.now() + 600_000;
    for (const role of ROLES) {
      if (role === 'kiosk') await insertKioskToken(db, { id: 'gate-wall', name: 'gate-wall', issuedBy: 'admin', expiresAt });
      else await createUser(db, { username: `${role}-1`, passwordHash: 'scrypt$not$a-password', role });
      tokens.set(role, role === 'kiosk' ? kioskTokenOf(app, 'gate-wall', 'gate-wall', expiresAt) : await sessionTokenOf(app, `${role}-1`));
    }
    await writeIngestBatch(db, { gatewayId: 'g1', messages: truckMessages('粤B12345', 1), deadLetters: [] });
    await waitUntil(
      'the tracker in live state',
      () => app.assetFeed.get('TRK-01')?.metrics.plate,
      (plate) => plate === '粤B12345',
    );
  });
  afterAll(async () => {
    for (const socket of sockets) socket.close();
    await app?.close();
    await db?.close();
  });

  const get = (role: Role, url: string) => app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${tokens.get(role)}` } });
  /** The plate a role should be shown. */
  const seenBy = (role: Role, clear: string, masked: string) => (MASKED.includes(role) ? masked : clear);

  it('masks plates in events, telemetry and live state on HTTP for viewer and kiosk only', async () => {
    for (const role of ROLES) {
      const plate = seenBy(role, '粤B12345', '粤B1***5');
      const events = (await get(role, `/api/events?${range}`)).json() as { data: { plate: string } }[];
      const telemetry = (await get(role, `/api/telemetry?${range}&asset=TRK-01`)).json() as { metrics: { plate: string } }[];
      const plateOnly = (await get(role, `/api/telemetry?${range}&asset=TRK-01&metric=plate`)).json() as { metrics: { plate: string } }[];
      const assets = (await get(role, '/api/assets')).json() as AssetState[];
      const tracker = (await get(role, '/api/assets/TRK-01')).json() as AssetState;
      expect({
        role,
        event: events.map((row) => row.data),
        telemetry: telemetry.map((row) => row.metrics),
        plateOnly: plateOnly.map((row) => row.metrics),
        assets: assets.find((asset) => asset.id === 'TRK-01')?.metrics,
        tracker: tracker.metrics,
      }).toEqual({
        role,
        event: [{ plate, direction: 'in', containers: [] }],
        telemetry: [{ x: 10, y: 20, plate }],
        plateOnly: [{ plate }],
        assets: { x: 10, y: 20, plate },
        tracker: { x: 10, y: 20, plate },
      });
    }
  });

  /** A real socket.io client; resolves with the snapshot's tracker once connected. */
  async function connect(token: string): Promise<{ socket: Socket<ServerToClientEvents>; tracker: AssetState | undefined }> {
    const socket: Socket<ServerToClientEvents> = io(`http://127.0.0.1:${port}`, {
      auth: { token },
      transports: ['websocket'],
      reconnection: false,
    });
    sockets.push(socket);
    return new Promise((resolve, reject) => {
      socket.once('snapshot', (snapshot) => resolve({ socket, tracker: snapshot.assets.find((asset) => asset.id === 'TRK-01') }));
      socket.once('connect_error', reject);
    });
  }

  /** The tracker's plate in the next `assets` push that carries it. */
  function nextPlate(socket: Socket<ServerToClientEvents>): Promise<unknown> {
    return new Promise((resolve) => {
      const onAssets = (changes: AssetState[]) => {
        const tracker = changes.find((asset) => asset.id === 'TRK-01');
        if (!tracker) return;
        socket.off('assets', onAssets);
        resolve(tracker.metrics.plate);
      };
      socket.on('assets', onAssets);
    });
  }

  it('masks plates in the socket.io snapshot and pushes for viewer and kiosk only', async () => {
    const connected = new Map<Role, Socket<ServerToClientEvents>>();
    for (const role of ROLES) {
      const { socket, tracker } = await connect(tokens.get(role)!);
      expect({ role, plate: tracker?.metrics.plate }).toEqual({ role, plate: seenBy(role, '粤B12345', '粤B1***5') });
      connected.set(role, socket);
    }
    const pushes = ROLES.map((role) => nextPlate(connected.get(role)!));
    await writeIngestBatch(db, { gatewayId: 'g1', messages: truckMessages('湘A67890', 2), deadLetters: [] });
    const plates = await Promise.all(pushes);
    expect(Object.fromEntries(ROLES.map((role, i) => [role, plates[i]]))).toEqual(
      Object.fromEntries(ROLES.map((role) => [role, seenBy(role, '湘A67890', '湘A6***0')])),
    );
    // Two groups, two rooms: no socket is in both.
    const clear = await app.io.in('plates:clear').fetchSockets();
    const masked = await app.io.in('plates:masked').fetchSockets();
    expect({ clear: clear.length, masked: masked.length }).toEqual({ clear: 4, masked: 2 });
  });

  it('masks the next push of an open socket once its user is demoted, and clears it once promoted', async () => {
    const operator = 'operator-1';
    const admin = { authorization: `Bearer ${tokens.get('admin')}` };
    const { socket } = await connect(tokens.get('operator')!);
    const demoted = await app.inject({ method: 'PATCH', url: `/api/users/${operator}`, headers: admin, payload: { role: 'viewer' } });
    expect(demoted.statusCode).toBe(200);
    let push = nextPlate(socket);
    await writeIngestBatch(db, { gatewayId: 'g1', messages: truckMessages('粤C24680', 3), deadLetters: [] });
    expect(await push).toBe('粤C2***0');

    await app.inject({ method: 'PATCH', url: `/api/users/${operator}`, headers: admin, payload: { role: 'operator' } });
    push = nextPlate(socket);
    await writeIngestBatch(db, { gatewayId: 'g1', messages: truckMessages('粤C13579', 4), deadLetters: [] });
    expect(await push).toBe('粤C13579');
  });

  it('audits every look-up by plate, with the plate and the route, whether or not it matched', async () => {
    const since = Date.now() - 1;
    const found = await get('operator', `/api/events?${range}&plate=${encodeURIComponent('粤B12345')}`);
    expect(found.statusCode).toBe(200);
    expect((found.json() as { data: { plate: string } }[]).map((row) => row.data.plate)).toEqual(['粤B12345']);
    const none = await get('supervisor', `/api/events?${range}&plate=${encodeURIComponent('粤Z00000')}`);
    expect(none.statusCode).toBe(200);
    expect(none.json()).toEqual([]);

    const audit = await listAudit(db, { from: since, to: Date.now() + 1, limit: 10 }, { action: 'plate.lookup' });
    expect(audit.map(({ username, action, subject, detail }) => ({ username, action, subject, detail }))).toEqual([
      { username: 'supervisor-1', action: 'plate.lookup', subject: '粤Z00000', detail: { address: '127.0.0.1', route: 'GET /api/events' } },
      { username: 'operator-1', action: 'plate.lookup', subject: '粤B12345', detail: { address: '127.0.0.1', route: 'GET /api/events' } },
    ]);
  });

  it('refuses a look-up by plate to viewer and kiosk (403), who see plates masked', async () => {
    for (const role of MASKED) {
      const refused = await get(role, `/api/events?${range}&plate=${encodeURIComponent('粤B12345')}`);
      expect({ role, status: refused.statusCode, code: refused.json().code }).toEqual({ role, status: 403, code: 'PT_FORBIDDEN' });
    }
  });
});
