// GET /api/journeys on a real app over a real database: journeys as ingest built them from
// device events, filtered by lane and outcome, plates masked for viewer and kiosk, a look-up
// by plate audited (and refused to those who see plates masked), and bounded like history.
import { type DeviceMessage, type Role } from '@porttwin/contracts';
import { createUser, type Database, insertKioskToken, listAudit, openDatabase, writeIngestBatch } from '@porttwin/db';
import { readSiteFile, SMALL_PORT_SITE_FILE } from '@porttwin/simulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type App, buildApp } from '../app';
import { kioskTokenOf, sessionTokenOf } from '../testing/tokens';

const site = readSiteFile(SMALL_PORT_SITE_FILE);
const T0 = Date.now() - 3_600_000;
const range = `from=${T0 - 60_000}&to=${T0 + 600_000}`;
const s = (sec: number) => T0 + sec * 1000;

let seq = 0;
function event(kind: DeviceMessage['kind'], assetId: string, sec: number, type: string, data: Record<string, unknown>): DeviceMessage {
  seq += 1;
  return { site: 'demo-port', kind, assetId, channel: 'event', ts: s(sec), seq, receivedAt: s(sec), type, data };
}

const RELEASED = [
  event('gate', 'GL-IN-1', 0, 'truck.arrived', { plate: '粤B12345', direction: 'in', containers: [] }),
  event('gate', 'GL-IN-1', 60, 'truck.admitted', { plate: '粤B12345', processingSec: 30 }),
  event('gate', 'GL-OUT-1', 900, 'truck.arrived', { plate: '粤B12345', direction: 'out', containers: [] }),
  event('gate', 'GL-OUT-1', 920, 'truck.admitted', { plate: '粤B12345', processingSec: 20 }),
];
const REJECTED = [
  event('gate', 'GL-IN-2', 30, 'truck.arrived', { plate: '湘A67890', direction: 'in', containers: [] }),
  event('gate', 'GL-IN-2', 90, 'truck.rejected', { plate: '湘A67890', reason: 'customs hold', processingSec: 40 }),
];

describe('GET /api/journeys', () => {
  let db: Database;
  let app: App;
  const tokens = new Map<Role, string>();

  beforeAll(async () => {
    db = await openDatabase();
    app = await buildApp({ db, site, adminPassword: 'harbour-master', clientDir: '/nonexistent' });
    await app.ready();
    const expiresAt = Date.now() + 600_000;
    for (const role of ['viewer', 'operator', 'supervisor'] as const) {
      await createUser(db, { username: `${role}-1`, passwordHash: 'scrypt$not$a-password', role });
      tokens.set(role, await sessionTokenOf(app, `${role}-1`));
    }
    await insertKioskToken(db, { id: 'gate-wall', name: 'gate-wall', issuedBy: 'admin', expiresAt });
    tokens.set('kiosk', kioskTokenOf(app, 'gate-wall', 'gate-wall', expiresAt));
    await writeIngestBatch(db, { gatewayId: 'g1', messages: [...RELEASED, ...REJECTED], deadLetters: [] });
  });
  afterAll(async () => {
    await app?.close();
    await db?.close();
  });

  const get = (role: Role, query: string) =>
    app.inject({ method: 'GET', url: `/api/journeys?${query}`, headers: { authorization: `Bearer ${tokens.get(role)}` } });

  it('gives each truck its lanes, outcome, stage times and turn time', async () => {
    const response = await get('operator', range);
    expect(response.statusCode, response.body).toBe(200);
    const none = {
      portalStart: null,
      portalEnd: null,
      scanQueued: null,
      scanStart: null,
      scanEnd: null,
      yardArrived: null,
      yardDone: null,
    };
    expect(response.json()).toEqual([
      {
        plate: '粤B12345',
        inLane: 'GL-IN-1',
        outLane: 'GL-OUT-1',
        outcome: 'released',
        inspected: false,
        scanner: null,
        verdict: null,
        turnSec: 920,
        stages: {
          ...none,
          arrived: s(0),
          gateStart: s(30),
          gateEnd: s(60),
          outQueued: s(900),
          outGateStart: s(900),
          outGateEnd: s(920),
          departed: s(920),
        },
      },
      {
        plate: '湘A67890',
        inLane: 'GL-IN-2',
        outLane: null,
        outcome: 'rejected',
        inspected: false,
        scanner: null,
        verdict: null,
        turnSec: 60,
        stages: {
          ...none,
          arrived: s(30),
          gateStart: s(50),
          gateEnd: s(90),
          outQueued: null,
          outGateStart: null,
          outGateEnd: null,
          departed: s(90),
        },
      },
    ]);
  });

  it('filters by lane (inbound or outbound), outcome and limit, oldest or newest first', async () => {
    const plates = async (query: string) =>
      ((await get('operator', `${range}&${query}`)).json() as { plate: string }[]).map((j) => j.plate);
    expect(await plates('lane=GL-OUT-1')).toEqual(['粤B12345']);
    expect(await plates('lane=GL-IN-2')).toEqual(['湘A67890']);
    expect(await plates('outcome=rejected')).toEqual(['湘A67890']);
    expect(await plates(`outcome=${encodeURIComponent('on site')}`)).toEqual([]);
    expect(await plates('limit=1')).toEqual(['粤B12345']);
    // 粤B12345 arrived at 0 s, 湘A67890 at 30 s: the limit keeps whichever end is asked for.
    expect(await plates('order=newest')).toEqual(['湘A67890', '粤B12345']);
    expect(await plates('order=newest&limit=1')).toEqual(['湘A67890']);
    expect(await plates('order=oldest&limit=1')).toEqual(['粤B12345']);
    expect((await get('operator', `${range}&order=random`)).statusCode).toBe(400);
    expect((await get('operator', `${range}&outcome=gone`)).statusCode).toBe(400);
  });

  it('masks plates for viewer and kiosk, and shows them to operator and up', async () => {
    for (const [role, plates] of [
      ['viewer', ['粤B1***5', '湘A6***0']],
      ['kiosk', ['粤B1***5', '湘A6***0']],
      ['operator', ['粤B12345', '湘A67890']],
      ['supervisor', ['粤B12345', '湘A67890']],
    ] as const) {
      const response = await get(role, range);
      expect({ role, plates: (response.json() as { plate: string }[]).map((j) => j.plate) }).toEqual({ role, plates });
    }
  });

  it('audits a look-up by plate, and refuses it to viewer and kiosk', async () => {
    const since = Date.now() - 1;
    const found = await get('supervisor', `${range}&plate=${encodeURIComponent('粤B12345')}`);
    expect((found.json() as { plate: string; turnSec: number }[]).map((j) => [j.plate, j.turnSec])).toEqual([['粤B12345', 920]]);
    const audit = await listAudit(db, { from: since, to: Date.now() + 1, limit: 10 }, { action: 'plate.lookup' });
    expect(audit.map(({ username, subject, detail }) => ({ username, subject, route: detail.route }))).toEqual([
      { username: 'supervisor-1', subject: '粤B12345', route: 'GET /api/journeys' },
    ]);
    for (const role of ['viewer', 'kiosk'] as const) {
      const refused = await get(role, `${range}&plate=${encodeURIComponent('粤B12345')}`);
      expect({ role, status: refused.statusCode, code: refused.json().code }).toEqual({ role, status: 403, code: 'PT_FORBIDDEN' });
    }
  });

  it('refuses a range wider than raw history is served, naming how to narrow it', async () => {
    const response = await get('operator', `from=0&to=${Date.now()}`);
    expect(response.statusCode).toBe(400);
    expect(response.json().message).toMatch(/narrow from or to/);
  });
});
