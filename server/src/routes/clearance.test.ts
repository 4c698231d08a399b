// GET /api/clearance on a real app over a real database: dwell per stage and per lane from
// journeys ingest built out of device events, the bottleneck named against the hours before
// the window and nothing named when the window is like them, and bounded like history.
import type { DeviceMessage } from '@porttwin/contracts';
import { createUser, type Database, openDatabase, writeIngestBatch } from '@porttwin/db';
import { readSiteFile, SMALL_PORT_SITE_FILE } from '@porttwin/simulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type App, buildApp } from '../app';
import { sessionTokenOf } from '../testing/tokens';

const site = readSiteFile(SMALL_PORT_SITE_FILE);
const T0 = Date.parse('2026-11-22T08:00:00.000Z');
const HOUR = 3_600_000;

let seq = 0;
function event(assetId: string, ts: number, type: string, data: Record<string, unknown>): DeviceMessage {
  seq += 1;
  return { site: 'demo-port', kind: 'gate', assetId, channel: 'event', ts, seq, receivedAt: ts, type, data };
}

/** Five trucks a minute apart from `at` through GL-IN-1, each queuing `queueSec` before a 40 s booth, then out. */
function trucks(at: number, queueSec: number): DeviceMessage[] {
  return Array.from({ length: 5 }, (_, i) => {
    const plate = `粤B${String((seq % 90_000) + 10_000)}`;
    const t = at + i * 60_000;
    const decided = t + (queueSec + 40) * 1000;
    return [
      event('GL-IN-1', t, 'truck.arrived', { plate, direction: 'in', containers: [] }),
      event('GL-IN-1', decided, 'truck.admitted', { plate, processingSec: 40 }),
      event('GL-OUT-1', decided + 600_000, 'truck.arrived', { plate, direction: 'out', containers: [] }),
      event('GL-OUT-1', decided + 620_000, 'truck.admitted', { plate, processingSec: 20 }),
    ];
  }).flat();
}

describe('GET /api/clearance', () => {
  let db: Database;
  let app: App;
  let token = '';

  beforeAll(async () => {
    db = await openDatabase();
    app = await buildApp({ db, site, adminPassword: 'harbour-master', clientDir: '/nonexistent' });
    await app.ready();
    await createUser(db, { username: 'viewer-1', passwordHash: 'scrypt$not$a-password', role: 'viewer' });
    token = await sessionTokenOf(app, 'viewer-1');
    // Two quiet hours (30 s queues), then an hour whose queue is ten times longer.
    const messages = [...trucks(T0 - 2 * HOUR, 30), ...trucks(T0 - HOUR, 30), ...trucks(T0, 300)];
    await writeIngestBatch(db, { gatewayId: 'g1', messages, deadLetters: [] });
  });
  afterAll(async () => {
    await app?.close();
    await db?.close();
  });

  const get = (query: string) =>
    app.inject({ method: 'GET', url: `/api/clearance?${query}`, headers: { authorization: `Bearer ${token}` } });

  it('gives each stage its dwell overall and per lane, and names the lane whose queue grew', async () => {
    const response = await get(`from=${T0}&to=${T0 + HOUR}`);
    expect(response.statusCode, response.body).toBe(200);
    const body = response.json();
    const flat = { count: 5, meanSec: 0, p50Sec: 0, p90Sec: 0 };
    const dwell = (sec: number) => ({ ...flat, meanSec: sec, p50Sec: sec, p90Sec: sec });
    expect(body.stages.filter((s: { stage: string }) => s.stage !== 'outQueue' && s.stage !== 'outBooth' && s.stage !== 'turn')).toEqual([
      { stage: 'gateQueue', ...dwell(300) },
      { stage: 'gateQueue', assetId: 'GL-IN-1', ...dwell(300) },
      { stage: 'booth', ...dwell(40) },
      { stage: 'booth', assetId: 'GL-IN-1', ...dwell(40) },
    ]);
    expect(body.stages.find((s: { stage: string }) => s.stage === 'turn')).toEqual({ stage: 'turn', ...dwell(960) });
    expect(body.bottleneck).toEqual({ stage: 'gateQueue', assetId: 'GL-IN-1', dwellSec: 300, baselineSec: 30 });
  });

  it('names nothing when the window is like the hours before it', async () => {
    const response = await get(`from=${new Date(T0 - HOUR).toISOString()}&to=${T0}`);
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json().bottleneck).toBeNull();
    expect(response.json().stages[0]).toEqual({ stage: 'gateQueue', count: 5, meanSec: 30, p50Sec: 30, p90Sec: 30 });
  });

  it('refuses a backwards range or one wider than raw history, naming it', async () => {
    const backwards = await get(`from=${T0}&to=${T0 - 1}`);
    expect([backwards.statusCode, backwards.json().message]).toEqual([400, `server: from must be before to (from=${T0}, to=${T0 - 1})`]);
    const wide = await get(`from=0&to=${T0}`);
    expect(wide.statusCode).toBe(400);
    expect(wide.json().message).toMatch(/narrow from or to/);
  });
});
