import { type Database, openDatabase, writeIngestBatch } from '@porttwin/db';
import { readSiteFile, SMALL_PORT_SITE_FILE } from '@porttwin/simulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NO_KPI_TARGETS } from '@porttwin/contracts';
import { type App, buildApp } from './app';
import { siteGateForecast } from './forecast/gate-forecast';
import { kpiSite } from './kpis/kpi-summary';
import { waitUntil } from './testing/wait-until';

const site = readSiteFile(SMALL_PORT_SITE_FILE);

describe('the API', () => {
  let db: Database;
  let app: App;
  let token: string;

  beforeAll(async () => {
    db = await openDatabase();
    app = await buildApp({ db, site, adminPassword: 'harbour-master', clientDir: '/nonexistent' });
    await app.ready();
    const login = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'admin', password: 'harbour-master' } });
    token = login.json().token;
  });
  afterAll(async () => {
    await app.close();
    await db.close();
  });

  const get = (url: string) => app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${token}` } });

  it('refuses data to a caller without a session', async () => {
    const response = await app.inject({ method: 'GET', url: '/api/assets' });
    expect(response.statusCode).toBe(401);
    expect(response.json().message).toMatch(/sign in/);
  });

  it('refuses a wrong password', async () => {
    const response = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'admin', password: 'nope' } });
    expect(response.statusCode).toBe(401);
  });

  it('reports health without a session', async () => {
    const response = await app.inject({ method: 'GET', url: '/api/health' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({
      status: 'ok',
      broker: 'not-monitored',
      database: 'ok',
      ingestLagMs: null,
      ingest: 'not-monitored',
      causes: [],
    });
  });

  it('serves the site layout', async () => {
    const response = await get('/api/site');
    expect(response.json().assets.map((asset: { id: string }) => asset.id)).toContain('QC-01');
  });

  it('serves live state of assets once a gateway has stored their messages', async () => {
    const ts = Date.now();
    await writeIngestBatch(db, {
      gatewayId: 'test',
      messages: [
        {
          site: 'demo-port',
          kind: 'gate',
          assetId: 'GL-IN-1',
          channel: 'telemetry',
          ts,
          seq: 1,
          receivedAt: ts,
          metrics: { queueLength: 6, laneOpen: 1 },
        },
      ],
      deadLetters: [],
    });
    await app.assetFeed.refresh();
    expect((await get('/api/assets/GL-IN-1')).json()).toMatchObject({ id: 'GL-IN-1', kind: 'gate', metrics: { queueLength: 6 } });
    expect((await get('/api/assets/NOPE')).statusCode).toBe(404);
    const telemetry = await get(`/api/telemetry?asset=GL-IN-1&metric=queueLength&from=${ts - 1}&to=${new Date(ts + 1).toISOString()}`);
    expect(telemetry.json()).toEqual([expect.objectContaining({ seq: 1, metrics: { queueLength: 6 } })]);
  });

  it('recomputes the KPIs soon after a new asset appears, not only on the minute', async () => {
    const gl1 = await waitUntil(
      'KPIs for GL-IN-1',
      () => app.kpiTicker.latest()?.gateLanes.find((lane) => lane.assetId === 'GL-IN-1'),
      (lane) => lane?.queueLength === 6,
    );
    expect(gl1).toMatchObject({ assetId: 'GL-IN-1', queueLength: 6, open: true });
  });

  it('answers GET /api/kpis/summary with what the ticker pushed for the same window', async () => {
    const latest = app.kpiTicker.latest()!;
    expect(latest.windowMinutes).toBe(15);
    expect(latest.at % 60_000).toBe(0);
    const response = await get(`/api/kpis/summary?to=${latest.at}`);
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual(latest);
  });

  it('pushes the clearance of the last whole hour, as GET /api/clearance answers that window', async () => {
    const pushed = app.liveReports.clearance.latest()!;
    expect(pushed.to % 60_000).toBe(0);
    expect(pushed.to - pushed.from).toBe(60 * 60_000);
    const response = await get(`/api/clearance?from=${pushed.from}&to=${pushed.to}`);
    expect(response.statusCode).toBe(200);
    const { from: _from, to: _to, ...answer } = pushed;
    expect(response.json()).toEqual(answer);
  });

  it("pushes the next hour's gate forecast in whole quarter hours, GL-IN-1 open among its lanes", async () => {
    await waitUntil(
      'a pushed forecast with GL-IN-1 open',
      () => app.liveReports.forecast.latest()?.lanes.find((forecast) => forecast.assetId === 'GL-IN-1'),
      (lane) => lane?.open === true,
    );
    const pushed = app.liveReports.forecast.latest()!;
    expect(pushed.horizonMin).toBe(60);
    expect(pushed.site.buckets.map((bucket) => bucket.start)).toEqual(
      [1, 2, 3, 4].map((quarter) => Math.ceil(pushed.at / 900_000) * 900_000 + (quarter - 1) * 900_000),
    );
    expect(pushed.site.lanesOpen).toBe(1);
    // What GET /api/forecast computes, at the push's own instant (nothing was stored since).
    expect(await siteGateForecast(db, kpiSite(site, NO_KPI_TARGETS(site.site)), pushed.at, 60)).toEqual(pushed);
  });

  it('names the parameter of a bad time', async () => {
    const response = await get('/api/events?from=yesterday');
    expect(response.statusCode).toBe(400);
    expect(response.json().message).toContain('from="yesterday"');
  });

  it('documents every stable path in the OpenAPI document', async () => {
    const paths = Object.keys((await get('/api/openapi.json')).json().paths);
    for (const path of [
      '/api/health',
      '/api/auth/login',
      '/api/site',
      '/api/assets',
      '/api/assets/{id}',
      '/api/telemetry',
      '/api/events',
      '/api/dead-letters',
      '/api/kpis',
      '/api/kpis/summary',
    ]) {
      expect(paths).toContain(path);
    }
  });

  it('exposes Prometheus metrics to a signed-in scraper', async () => {
    const response = await get('/metrics');
    expect(response.statusCode).toBe(200);
    expect(response.body).toMatch(/porttwin_ingest_messages_total \d+/);
    expect(response.body).toContain('porttwin_dead_letters_total');
  });

  it('serves KPI series per minute from the aggregates', async () => {
    const response = await get(`/api/kpis?from=${Date.now() - 3 * 60_000}&bucket=minute`);
    expect(response.statusCode).toBe(200);
    const buckets = response.json() as { start: number; assets: { assetId: string; queueAvg: number | null }[] }[];
    expect(buckets.flatMap((bucket) => bucket.assets)).toContainEqual(expect.objectContaining({ assetId: 'GL-IN-1', queueAvg: 6 }));
  });

  it('refuses a KPI range of too many buckets, saying what to do', async () => {
    const response = await get(`/api/kpis?from=0&bucket=minute`);
    expect(response.statusCode).toBe(400);
    expect(response.json().message).toMatch(/use bucket=hour/);
  });
});
