// Issuing MQTT credentials through the API: admin only, for assets and the site of the layout,
// each credential working on the embedded broker as the scope it was issued for.
import { type Database, createUser, findLiveDeviceCredential, openDatabase } from '@porttwin/db';
import { readSiteFile, SMALL_PORT_SITE_FILE } from '@porttwin/simulator';
import mqtt from 'mqtt';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type App, buildApp } from '../app';
import { hashPassword } from '../auth/passwords';
import { type EmbeddedBroker, startEmbeddedBroker } from '../embedded/broker';

const site = readSiteFile(SMALL_PORT_SITE_FILE);
const OTHER_ROLES = ['supervisor', 'operator', 'engineer'] as const;

describe('device credentials through the API', () => {
  let db: Database;
  let app: App;
  let broker: EmbeddedBroker;
  let admin: string;
  const tokens: Record<string, string> = {};

  const post = (url: string, token: string | null, payload?: object) =>
    app.inject({
      method: 'POST',
      url,
      ...(token ? { headers: { authorization: `Bearer ${token}` } } : {}),
      ...(payload ? { payload } : {}),
    });
  const signIn = async (username: string, password: string) =>
    (await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } })).json().token as string;

  beforeAll(async () => {
    db = await openDatabase();
    app = await buildApp({ db, site, adminPassword: 'harbour-master', clientDir: '/nonexistent' });
    await app.ready();
    broker = await startEmbeddedBroker({ port: 0, host: '127.0.0.1', db, log: pino({ level: 'silent' }) });
    admin = await signIn('admin', 'harbour-master');
    for (const role of OTHER_ROLES) {
      await createUser(db, { username: role, passwordHash: await hashPassword(`${role}-password`), role });
      tokens[role] = await signIn(role, `${role}-password`);
    }
    tokens.kiosk = (await post('/api/auth/kiosk-tokens', admin, { name: 'wall-1' })).json().token;
  });
  afterAll(async () => {
    await broker?.close();
    await app?.close();
    await db?.close();
  });

  it('issues a device its credentials once, with its site and kind from the layout, and they work on the broker', async () => {
    const response = await post('/api/devices/QC-01/credentials', admin);
    expect(response.statusCode).toBe(200);
    expect(response.headers['cache-control']).toBe('no-store');
    const credential = response.json();
    expect(credential).toEqual({ username: 'device.demo-port.QC-01', password: expect.stringMatching(/^[A-Za-z0-9_-]{32}$/) });
    expect((await findLiveDeviceCredential(db, credential.username))?.scope).toEqual({
      type: 'device',
      site: 'demo-port',
      kind: 'qc',
      assetId: 'QC-01',
    });
    const crane = await mqtt.connectAsync(broker.url, { ...credential, clientId: 'QC-01', reconnectPeriod: 0 });
    await crane.publishAsync('porttwin/v1/demo-port/qc/QC-01/status', JSON.stringify({ ts: Date.now(), state: 'online' }), { qos: 1 });
    await crane.endAsync();
  });

  it("replaces a device's password when its credentials are issued again", async () => {
    const first = (await post('/api/devices/GL-IN-1/credentials', admin)).json();
    const second = (await post('/api/devices/GL-IN-1/credentials', admin)).json();
    expect(second.username).toBe(first.username);
    await expect(mqtt.connectAsync(broker.url, { ...first, clientId: 'GL-IN-1', reconnectPeriod: 0 })).rejects.toThrow(
      /Bad username or password/i,
    );
    await (await mqtt.connectAsync(broker.url, { ...second, clientId: 'GL-IN-1', reconnectPeriod: 0 })).endAsync();
  });

  it('answers 404 for an asset the layout does not have, and 400 for a malformed id', async () => {
    expect((await post('/api/devices/TRK-001/credentials', admin)).statusCode).toBe(404);
    expect((await post('/api/devices/GL%20IN%201/credentials', admin)).statusCode).toBe(400);
  });

  it("issues a site publisher, named or not, only for the layout's site", async () => {
    const named = await post('/api/sites/demo-port/publisher-credentials?name=bridge-a', admin);
    expect(named.statusCode).toBe(200);
    expect(named.json().username).toBe('publisher.demo-port.bridge-a');
    const unnamed = (await post('/api/sites/demo-port/publisher-credentials', admin)).json();
    expect(unnamed.username).toMatch(/^publisher\.demo-port\.[A-Za-z0-9_-]+$/);
    expect((await findLiveDeviceCredential(db, unnamed.username))?.scope).toEqual({ type: 'publisher', site: 'demo-port' });
    expect((await post('/api/sites/other-port/publisher-credentials', admin)).statusCode).toBe(404);
    expect((await post('/api/sites/demo-port/publisher-credentials?name=no.dots', admin)).statusCode).toBe(400);
  });

  it('refuses every other role (403) and anyone signed out (401)', async () => {
    for (const url of ['/api/devices/QC-02/credentials', '/api/sites/demo-port/publisher-credentials']) {
      for (const role of [...OTHER_ROLES, 'kiosk']) {
        const response = await post(url, tokens[role]!);
        expect(response.statusCode, `${role} ${url}`).toBe(403);
      }
      expect((await post(url, null)).statusCode).toBe(401);
    }
    expect(await findLiveDeviceCredential(db, 'device.demo-port.QC-02')).toBeNull();
  });

  it('audits each issue by whom, and documents both routes in the OpenAPI document', async () => {
    const { rows } = await db.query<{ action: string; subject: string; username: string }>(
      "SELECT action, subject, username FROM audit_log WHERE action LIKE '%credential.issue' ORDER BY id",
    );
    expect(rows).toContainEqual({ action: 'device-credential.issue', subject: 'device.demo-port.QC-01', username: 'admin' });
    expect(rows).toContainEqual({ action: 'publisher-credential.issue', subject: 'publisher.demo-port.bridge-a', username: 'admin' });
    const document = (await app.inject({ method: 'GET', url: '/api/openapi.json', headers: { authorization: `Bearer ${admin}` } })).json();
    expect(Object.keys(document.paths)).toEqual(
      expect.arrayContaining(['/api/devices/{assetId}/credentials', '/api/sites/{site}/publisher-credentials']),
    );
  });
});
