// GET /api/forecast on a real app: quarter hours from the next one, the site targets file's
// gate wait as the advice's target, and a bad horizon refused by name. The model's figures
// are worked out in forecast/gate-forecast.test.ts.
import { createUser, type Database, openDatabase, writeIngestBatch } from '@porttwin/db';
import { readSiteFile, SMALL_PORT_SITE_FILE } from '@porttwin/simulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type App, buildApp } from '../app';
import { sessionTokenOf } from '../testing/tokens';

const QUARTER = 15 * 60_000;

describe('GET /api/forecast', () => {
  let db: Database;
  let app: App;
  let token = '';
  beforeAll(async () => {
    db = await openDatabase();
    app = await buildApp({
      db,
      site: readSiteFile(SMALL_PORT_SITE_FILE),
      targets: { site: 'demo-port', shifts: [{ name: 'day', start: '08:00' }], targets: { gateWaitSec: { target: 300, better: 'lower' } } },
      adminPassword: 'harbour-master',
      clientDir: '/nonexistent',
    });
    await app.ready();
    await createUser(db, { username: 'viewer-1', passwordHash: 'scrypt$not$a-password', role: 'viewer' });
    token = await sessionTokenOf(app, 'viewer-1');
    const ts = Date.now();
    await writeIngestBatch(db, {
      gatewayId: 'g1',
      messages: [
        {
          site: 'demo-port',
          kind: 'gate',
          assetId: 'GL-IN-1',
          channel: 'telemetry',
          ts,
          seq: 1,
          receivedAt: ts,
          metrics: { queueLength: 0, laneOpen: 1 },
        },
      ],
      deadLetters: [],
    });
  });
  afterAll(async () => {
    await app?.close();
    await db?.close();
  });

  const get = (query: string) =>
    app.inject({ method: 'GET', url: `/api/forecast?${query}`, headers: { authorization: `Bearer ${token}` } });

  it('forecasts whole quarter hours from the next one against the targets file, with the lanes open now', async () => {
    const before = Date.now();
    const response = await get('horizonMin=40');
    expect(response.statusCode, response.body).toBe(200);
    const forecast = response.json();
    expect(forecast).toMatchObject({ horizonMin: 45, bucketMinutes: 15, targetWaitSec: 300, site: { lanesOpen: 1, lanesTotal: 2 } });
    const starts: number[] = forecast.site.buckets.map((bucket: { start: number }) => bucket.start);
    expect(starts[0]).toBe(Math.ceil(forecast.at / QUARTER) * QUARTER);
    expect(starts).toEqual([0, 1, 2].map((i) => starts[0]! + i * QUARTER));
    expect(forecast.at).toBeGreaterThanOrEqual(before);
    // No traffic at all: nothing expected, nothing to do.
    expect(forecast.site.buckets.map((bucket: { arrivals: number }) => bucket.arrivals)).toEqual([0, 0, 0]);
    expect(forecast.advice).toEqual({
      action: 'hold',
      lanes: 0,
      by: null,
      expectedWaitSec: 0,
      message: 'the open lanes keep the wait under 5 min',
    });
  });

  it('refuses a horizon outside 15–240 minutes, naming it', async () => {
    const response = await get('horizonMin=10');
    expect(response.statusCode).toBe(400);
    expect(response.body).toContain('horizonMin');
  });
});
