// Health and metrics while the in-process gateway cannot commit (its database closed under
// it): degraded, naming the stall and its cause, with the oldest message's age in /metrics.
import { type Database, openDatabase } from '@porttwin/db';
import { type RunningGateway, startGateway } from '@porttwin/edge';
import mqtt from 'mqtt';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type App, buildApp } from '../app';
import { type EmbeddedBroker, startEmbeddedBroker } from '../embedded/broker';
import { waitUntil } from '../testing/wait-until';
import { readSiteFile, SMALL_PORT_SITE_FILE } from '@porttwin/simulator';

const site = readSiteFile(SMALL_PORT_SITE_FILE);

const until = (condition: () => boolean) => waitUntil('the condition', condition, (met) => met);

describe('health while ingest is stalled', () => {
  let broker: EmbeddedBroker;
  let consoleDb: Database;
  let gatewayDb: Database;
  let gateway: RunningGateway;
  let app: App;
  let token: string;

  beforeAll(async () => {
    consoleDb = await openDatabase();
    // Anonymous clients (development mode): this suite is about health, not credentials.
    broker = await startEmbeddedBroker({ port: 0, host: '127.0.0.1', db: consoleDb, allowAnonymous: true, log: pino({ level: 'silent' }) });
    gatewayDb = await openDatabase();
    gateway = await startGateway({
      protocolVersion: 4,
      mqttUrl: broker.url,
      db: gatewayDb,
      gatewayId: 'edge-health',
      stallAfterMs: 300,
      log: pino({ level: 'silent' }),
    });
    app = await buildApp({
      db: consoleDb,
      site,
      adminPassword: 'harbour-master',
      clientDir: '/nonexistent',
      gatewayStats: () => gateway.stats(),
    });
    await app.ready();
    token = (
      await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'admin', password: 'harbour-master' } })
    ).json().token;
  });
  afterAll(async () => {
    await app.close();
    await gateway.abort();
    await broker.close();
    await consoleDb.close();
  });

  it('is ok while messages are committed', async () => {
    const response = await app.inject({ method: 'GET', url: '/api/health' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ status: 'ok', broker: 'connected', ingest: 'flowing', causes: [] });
  });

  it('turns degraded once the oldest message has waited past the stall limit, naming why', async () => {
    await gatewayDb.close(); // from now on every write fails
    const device = await mqtt.connectAsync(broker.url, { clientId: 'device-GL-IN-1' });
    device.publish(
      'porttwin/v1/demo-port/gate/GL-IN-1/telemetry',
      JSON.stringify({ ts: Date.now(), seq: 1, metrics: { queueLength: 2 } }),
      { qos: 1 },
    );
    await until(() => gateway.stats().stalled);

    const response = await app.inject({ method: 'GET', url: '/api/health' });
    expect(response.statusCode).toBe(503);
    const health = response.json();
    expect(health).toMatchObject({ status: 'degraded', database: 'ok', broker: 'connected', ingest: 'stalled' });
    expect(health.causes).toEqual([
      expect.stringMatching(/^ingest: the oldest message has waited \d+ s for a commit; writes fail: PGlite is closed$/),
    ]);
    expect(health.ingestLagMs).toBeGreaterThanOrEqual(health.oldestPendingMs);
    expect(health.oldestPendingMs).toBeGreaterThan(300);

    const metrics = (await app.inject({ method: 'GET', url: '/metrics', headers: { authorization: `Bearer ${token}` } })).body;
    expect(metrics).toMatch(/^porttwin_ingest_stalled 1$/m);
    expect(Number(/^porttwin_ingest_oldest_pending_seconds (\S+)$/m.exec(metrics)?.[1])).toBeGreaterThan(0.3);
    expect(Number(/^porttwin_gateway_write_failures (\S+)$/m.exec(metrics)?.[1])).toBeGreaterThanOrEqual(1);
    await device.endAsync();
  });
});
