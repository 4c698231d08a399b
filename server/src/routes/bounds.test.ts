// What one request may ask is bounded, and past a bound it gets a 4xx naming what to change:
// body size, raw history span, rows, KPI buckets, times; and a statement that runs too long
// on PostgreSQL is cancelled (503) instead of holding the database ingest writes to.
import { createScratchDatabase, postgresReachable, type ScratchDatabase } from '@porttwin/db/testing';
import { type Database, openDatabase } from '@porttwin/db';
import { readSiteFile, SMALL_PORT_SITE_FILE } from '@porttwin/simulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type App, buildApp } from '../app';

const site = readSiteFile(SMALL_PORT_SITE_FILE);
const DAY_MS = 24 * 3_600_000;
const TO = Date.parse('2026-11-22T10:00:00Z');
const RAW_HISTORY = ['/api/telemetry', '/api/events', '/api/dead-letters'];

async function signedInApp(db: Database, apiStatementTimeoutMs?: number): Promise<{ app: App; headers: { authorization: string } }> {
  const app = await buildApp({ db, site, adminPassword: 'harbour-master', clientDir: '/nonexistent', apiStatementTimeoutMs });
  await app.ready();
  const login = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'admin', password: 'harbour-master' } });
  return { app, headers: { authorization: `Bearer ${login.json().token}` } };
}

describe('request bounds', () => {
  let db: Database;
  let app: App;
  let headers: { authorization: string };

  beforeAll(async () => {
    db = await openDatabase();
    ({ app, headers } = await signedInApp(db));
  });
  afterAll(async () => {
    await app?.close();
    await db?.close();
  });

  const get = (url: string) => app.inject({ method: 'GET', url, headers });

  it('refuses a request body over 64 KiB with 413', async () => {
    const response = await app.inject({
      method: 'POST',
      url: '/api/auth/kiosk-tokens',
      headers: { ...headers, 'content-type': 'application/json' },
      payload: JSON.stringify({ name: 'x'.repeat(64 * 1024) }),
    });
    expect({ status: response.statusCode, code: response.json().code, message: response.json().message }).toEqual({
      status: 413,
      code: 'FST_ERR_CTP_BODY_TOO_LARGE',
      message: 'Request body is too large',
    });
    const small = await app.inject({ method: 'POST', url: '/api/auth/kiosk-tokens', headers, payload: { name: 'wall-1' } });
    expect(small.statusCode).toBe(200);
  });

  it('gives raw history 31 days at a time, and says how to narrow a longer span', async () => {
    for (const path of RAW_HISTORY) {
      expect((await get(`${path}?from=${TO - 31 * DAY_MS}&to=${TO}`)).statusCode, path).toBe(200);
      const wide = await get(`${path}?from=2026-10-01T00:00:00Z&to=2026-11-22T00:00:00Z`);
      expect({ path, status: wide.statusCode, body: wide.json() }).toEqual({
        path,
        status: 400,
        body: {
          statusCode: 400,
          code: 'PT_BAD_RANGE',
          error: 'Bad Request',
          message:
            'server: from=2026-10-01T00:00:00Z to=2026-11-22T00:00:00Z spans 52 days; raw history is served at most 31 days at a time: narrow from or to',
        },
      });
    }
  });

  it('gives at most 100 000 rows, and names limit past that', async () => {
    for (const path of RAW_HISTORY) {
      expect((await get(`${path}?limit=100000`)).statusCode, path).toBe(200);
      const many = await get(`${path}?limit=100001`);
      expect({ path, status: many.statusCode, code: many.json().code, message: many.json().message }).toEqual({
        path,
        status: 400,
        code: 'FST_ERR_VALIDATION',
        message: 'querystring/limit must be <= 100000',
      });
    }
  });

  it('serves longer KPI spans only in buckets, at most 2000 of them', async () => {
    expect((await get(`/api/kpis?bucket=hour&from=${TO - 60 * DAY_MS}&to=${TO}`)).statusCode).toBe(200);
    const minutes = await get(`/api/kpis?bucket=minute&from=${TO - 2 * DAY_MS}&to=${TO}`);
    expect({ status: minutes.statusCode, message: minutes.json().message }).toEqual({
      status: 400,
      message: 'server: 2880 minute buckets asked for; at most 2000 (use bucket=hour or a shorter range)',
    });
    const hours = await get(`/api/kpis?bucket=hour&from=${TO - 90 * DAY_MS}&to=${TO}`);
    expect({ status: hours.statusCode, code: hours.json().code }).toEqual({ status: 400, code: 'PT_BAD_RANGE' });
  });

  it('names a time no database can store rather than failing on it', async () => {
    for (const [query, name, value] of [
      ['to=99999999999999999999', 'to', '99999999999999999999'],
      ['from=%2B010000-01-01T00:00:00Z', 'from', '+010000-01-01T00:00:00Z'],
    ]) {
      const response = await get(`/api/events?${query}`);
      expect({ status: response.statusCode, code: response.json().code, message: response.json().message }).toEqual({
        status: 400,
        code: 'PT_BAD_TIME',
        message: `server: ${name}="${value}" is neither RFC 3339 nor epoch milliseconds`,
      });
    }
  });

  it('gives a client 30 s to send its whole request', () => {
    expect(app.server.requestTimeout).toBe(30_000);
  });
});

const postgres = await postgresReachable();

describe.skipIf(!postgres)('API statements on PostgreSQL', () => {
  let scratch: ScratchDatabase;
  let db: Database;
  let app: App;
  let headers: { authorization: string };

  beforeAll(async () => {
    scratch = await createScratchDatabase();
    db = await openDatabase({ url: scratch.url });
    ({ app, headers } = await signedInApp(db, 300));
  });
  afterAll(async () => {
    await app?.close();
    await db?.close();
    await scratch?.drop();
  });

  it("are cancelled past their time, answered 503, while ingest's own statements are not", async () => {
    // A transaction holding telemetry locked keeps any reader waiting, as a runaway query would.
    let release: () => void = () => {};
    let locked: () => void = () => {};
    const isLocked = new Promise<void>((resolve) => {
      locked = resolve;
    });
    const holder = db.transaction(async (tx) => {
      await tx.query('LOCK TABLE telemetry IN ACCESS EXCLUSIVE MODE');
      locked();
      await new Promise<void>((resolve) => {
        release = resolve;
      });
    });
    await isLocked;
    const response = await app.inject({ method: 'GET', url: '/api/telemetry', headers });
    expect({ status: response.statusCode, code: response.json().code, message: response.json().message }).toEqual({
      status: 503,
      code: 'PT_QUERY_TIMEOUT',
      message: 'server: the database took over 300 ms for this request; ask for a shorter range or fewer rows',
    });
    const slow = await db.query<{ slept: string }>('SELECT pg_sleep(0.5)::text AS slept');
    expect(slow.rows).toEqual([{ slept: '' }]);
    release();
    await holder;
    expect((await app.inject({ method: 'GET', url: '/api/telemetry', headers })).statusCode).toBe(200);
  });
});
