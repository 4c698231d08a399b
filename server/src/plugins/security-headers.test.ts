// Every answer carries the security headers, the console's files and app shell the CSP, and
// the server's own answers (data, refusals) are never cached.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Database, openDatabase } from '@porttwin/db';
import { readSiteFile, SMALL_PORT_SITE_FILE } from '@porttwin/simulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type App, buildApp } from '../app';

const site = readSiteFile(SMALL_PORT_SITE_FILE);

const CSP =
  "default-src 'self';script-src 'self';script-src-attr 'none';style-src 'self';img-src 'self' data: blob:;font-src 'self' data:;" +
  "connect-src 'self';worker-src 'self' blob:;object-src 'none';base-uri 'self';form-action 'self';frame-ancestors 'none'";

const SECURITY_HEADERS = {
  'content-security-policy': CSP,
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
  'origin-agent-cluster': '?1',
  'referrer-policy': 'no-referrer',
  'strict-transport-security': 'max-age=31536000; includeSubDomains',
  'x-content-type-options': 'nosniff',
  'x-dns-prefetch-control': 'off',
  'x-download-options': 'noopen',
  'x-frame-options': 'DENY',
  'x-permitted-cross-domain-policies': 'none',
  'x-xss-protection': '0',
};

describe('security headers', () => {
  let db: Database;
  let app: App;
  let clientDir: string;
  let token: string;

  beforeAll(async () => {
    db = await openDatabase();
    clientDir = mkdtempSync(join(tmpdir(), 'porttwin-client-'));
    writeFileSync(join(clientDir, 'index.html'), '<!doctype html><title>PortTwin</title>');
    mkdirSync(join(clientDir, 'assets'));
    writeFileSync(join(clientDir, 'assets', 'console.js'), 'console.log("PortTwin");');
    app = await buildApp({ db, site, adminPassword: 'harbour-master', clientDir });
    await app.ready();
    token = (
      await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'admin', password: 'harbour-master' } })
    ).json().token;
  });
  afterAll(async () => {
    await app?.close();
    await db?.close();
    if (clientDir) rmSync(clientDir, { recursive: true, force: true });
  });

  const ANSWERS: [string, string, number][] = [
    ['the console page', '/', 200],
    ['a client-side route (the app shell)', '/control-room', 200],
    ['a console file', '/assets/console.js', 200],
    ['data', '/api/site', 200],
    ['a refusal', '/api/assets', 401],
    ['an unknown path', '/api/nope', 404],
    ['health', '/api/health', 200],
  ];

  it.each(ANSWERS)('are on %s', async (_what, url, status) => {
    const signedIn = url === '/api/site' ? { authorization: `Bearer ${token}` } : {};
    const response = await app.inject({ method: 'GET', url, headers: signedIn });
    expect(response.statusCode).toBe(status);
    expect(response.headers).toMatchObject(SECURITY_HEADERS);
  });

  it("keep the server's answers out of caches, and not the console's files", async () => {
    const site = await app.inject({ method: 'GET', url: '/api/site', headers: { authorization: `Bearer ${token}` } });
    expect(site.headers['cache-control']).toBe('no-store');
    const login = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'admin', password: 'harbour-master' } });
    expect(login.headers['cache-control']).toBe('no-store');
    expect(
      (await app.inject({ method: 'GET', url: '/metrics', headers: { authorization: `Bearer ${token}` } })).headers['cache-control'],
    ).toBe('no-store');
    expect((await app.inject({ method: 'GET', url: '/assets/console.js' })).headers['cache-control']).not.toBe('no-store');
  });
});
