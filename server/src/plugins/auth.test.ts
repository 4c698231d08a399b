// Sign-in is decided on the route that matched, never on how the request target is spelled
// (issue 7): each route of the OpenAPI document, asked without a session in every spelling
// below, over a real socket (inject would normalise the target), answers 401 or a bare 404.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Database, openDatabase, writeIngestBatch } from '@porttwin/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type App, buildApp } from '../app';
import { rawRequest, type RawResponse } from '../testing/raw-http';
import { spellingsOf } from '../testing/request-spellings';
import { readSiteFile, SMALL_PORT_SITE_FILE } from '@porttwin/simulator';

const site = readSiteFile(SMALL_PORT_SITE_FILE);

/**
 * The only routes anyone may call signed out (SPEC: everything but health and login); a wall
 * screen's sign-in is trading its kiosk token for a session.
 */
const PUBLIC_ROUTES = ['GET /api/health', 'POST /api/auth/login', 'POST /api/auth/kiosk-session'];
/** Routes the OpenAPI document leaves out that need a session all the same. */
const HIDDEN_ROUTES = ['GET /api/openapi.json'];
/** Path parameters filled with values that exist, so a route let through would answer data. */
const SAMPLE_PARAMS: Record<string, string> = { id: 'GL-IN-1', assetId: 'GL-IN-1', site: 'demo-port', username: 'admin', n: '1' };
const SHELL = '<!doctype html><title>PortTwin test shell</title>';
const SCRIPT = 'console.log("PortTwin");';

interface Route {
  method: string;
  path: string;
}

describe('sign-in, however the request target is spelled', () => {
  let db: Database;
  let app: App;
  let port: number;
  let token: string;
  let clientDir: string;

  beforeAll(async () => {
    db = await openDatabase();
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
          metrics: { queueLength: 6 },
        },
      ],
      deadLetters: [
        { receivedAt: ts, topic: 'porttwin/demo-port/gate/GL-IN-1/telemetry', reason: 'not JSON', payload: '{', payloadBytes: 1 },
      ],
    });
    // A client of our own, so the static files and the app-shell fallback are in play.
    clientDir = mkdtempSync(join(tmpdir(), 'porttwin-client-'));
    writeFileSync(join(clientDir, 'index.html'), SHELL);
    mkdirSync(join(clientDir, 'assets'));
    writeFileSync(join(clientDir, 'assets', 'console.js'), SCRIPT);
    app = await buildApp({ db, site, adminPassword: 'harbour-master', clientDir });
    await app.listen({ port: 0, host: '127.0.0.1' });
    port = (app.server.address() as { port: number }).port;
    await app.assetFeed.refresh();
    const login = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'admin', password: 'harbour-master' } });
    token = login.json().token;
  });
  afterAll(async () => {
    await app?.close();
    await db?.close();
    if (clientDir) rmSync(clientDir, { recursive: true, force: true });
  });

  async function documentedRoutes(): Promise<Route[]> {
    const document = (await app.inject({ method: 'GET', url: '/api/openapi.json', headers: { authorization: `Bearer ${token}` } })).json();
    const paths = document.paths as Record<string, Record<string, unknown>>;
    return Object.entries(paths).flatMap(([path, operations]) =>
      Object.keys(operations).map((method) => ({ method: method.toUpperCase(), path })),
    );
  }

  /** Every route that needs a session: the documented ones and the hidden ones, less health and login. */
  async function privateRoutes(): Promise<Route[]> {
    const hidden = HIDDEN_ROUTES.map((route) => ({ method: route.split(' ')[0] ?? '', path: route.split(' ')[1] ?? '' }));
    return [...(await documentedRoutes()), ...hidden].filter((route) => !PUBLIC_ROUTES.includes(`${route.method} ${route.path}`));
  }

  it('knows every route it checks, /metrics among them, and leaves out only health and login', async () => {
    const documented = (await documentedRoutes()).map((route) => `${route.method} ${route.path}`);
    expect(documented).toEqual(expect.arrayContaining(PUBLIC_ROUTES));
    const checked = (await privateRoutes()).map((route) => `${route.method} ${route.path}`);
    expect(checked).toEqual(
      expect.arrayContaining([
        'GET /metrics',
        'GET /api/openapi.json',
        'GET /api/site',
        'GET /api/assets',
        'GET /api/assets/{id}',
        'GET /api/telemetry',
        'GET /api/events',
        'GET /api/dead-letters',
        'GET /api/kpis',
        'POST /api/auth/kiosk-tokens',
      ]),
    );
    expect(checked.length + PUBLIC_ROUTES.length).toBe(documented.length + HIDDEN_ROUTES.length);
  });

  it('answers a signed-in caller under an encoded spelling, so these spellings do reach the routes', async () => {
    for (const target of ['/%61pi/assets', '/%6detrics', 'http://x/api/assets']) {
      const response = await rawRequest(port, { method: 'GET', target, headers: { authorization: `Bearer ${token}` } });
      expect(response.status, target).toBe(200);
    }
  });

  it('gives no data to a caller without a session, under any spelling of any private route', async () => {
    const failures: string[] = [];
    let asked = 0;
    for (const route of await privateRoutes()) {
      const path = route.path.replace(/\{(\w+)\}/g, (_, name: string) => {
        const sample = SAMPLE_PARAMS[name];
        if (sample === undefined)
          throw new Error(`no sample value for path parameter {${name}} of ${route.method} ${route.path}: add one to SAMPLE_PARAMS`);
        return sample;
      });
      // Fastify answers HEAD for every GET route: the same gate must hold there.
      const methods = route.method === 'GET' ? ['GET', 'HEAD'] : [route.method];
      for (const method of methods) {
        for (const spelling of spellingsOf(path)) {
          const body = method === 'POST' ? JSON.stringify({ name: 'wall' }) : undefined;
          const response = await rawRequest(port, {
            method,
            target: spelling.target,
            ...(body ? { body, headers: { 'content-type': 'application/json' } } : {}),
          });
          asked += 1;
          const problem = refusalProblem(response, method, spelling.routed);
          if (problem) failures.push(`${method} ${spelling.target} (${route.path}, ${spelling.name}): ${problem}`);
        }
      }
    }
    expect(failures).toEqual([]);
    expect(asked).toBeGreaterThan(100);
  });

  it("serves the client's files and the app shell signed out, and a bare 404 for anything unknown", async () => {
    const served: [string, string][] = [
      ['/', SHELL],
      ['/assets/console.js', SCRIPT],
      ['/control-room', SHELL],
      ['/control-room/?view=gate', SHELL],
    ];
    for (const [target, body] of served) {
      const response = await rawRequest(port, { method: 'GET', target });
      expect({ target, status: response.status, body: response.body }).toEqual({ target, status: 200, body });
    }
    const unknown: [string, string][] = [
      ['GET', '/api/nope'],
      ['GET', '/%61pi/nope'],
      ['GET', '/metrics/nope'],
      ['GET', '//api/nope'],
      ['GET', '/x/../api/nope'],
      ['GET', '/assets/missing.js'],
      ['POST', '/nope'],
      ['DELETE', '/api/assets'],
      ['PUT', '/%61pi/site'],
    ];
    for (const [method, target] of unknown) {
      const response = await rawRequest(port, { method, target });
      expect({ method, target, status: response.status, code: codeOf(response) }).toEqual({
        method,
        target,
        status: 404,
        code: 'PT_NO_ROUTE',
      });
    }
  });

  it('still lets a route allow some roles only, however the path is spelled', async () => {
    const admin = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
    const issued = await rawRequest(port, {
      method: 'POST',
      target: '/api/auth/kiosk-tokens',
      headers: admin,
      body: JSON.stringify({ name: 'wall' }),
    });
    expect(issued.status).toBe(200);
    const kiosk = { authorization: `Bearer ${(JSON.parse(issued.body) as { token: string }).token}`, 'content-type': 'application/json' };
    expect((await rawRequest(port, { method: 'GET', target: '/api/assets', headers: kiosk })).status).toBe(200);
    for (const target of ['/api/auth/kiosk-tokens', '/api/auth/%6biosk-tokens', 'http://x/api/auth/kiosk-tokens']) {
      const refused = await rawRequest(port, { method: 'POST', target, headers: kiosk, body: JSON.stringify({ name: 'wall-2' }) });
      expect({ target, status: refused.status, code: codeOf(refused) }).toEqual({ target, status: 403, code: 'PT_FORBIDDEN' });
    }
  });
});

/** Why a response to a signed-out request is not a plain refusal; null when it is one. */
function refusalProblem(response: RawResponse, method: string, routed: boolean): string | null {
  const allowed = routed ? [401] : [401, 404];
  if (!allowed.includes(response.status))
    return `status ${response.status}, wanted ${allowed.join(' or ')}: ${response.body.slice(0, 120)}`;
  if (method === 'HEAD') return response.body === '' ? null : `HEAD with a body: ${response.body.slice(0, 120)}`;
  const code = codeOf(response);
  const wanted = response.status === 401 ? 'PT_UNAUTHORIZED' : 'PT_NO_ROUTE';
  if (code !== wanted) return `status ${response.status} with ${code ?? 'no error code'}, wanted ${wanted}: ${response.body.slice(0, 120)}`;
  // An error document and nothing else: no field that could carry data.
  const fields = Object.keys(JSON.parse(response.body) as object);
  const extra = fields.filter((field) => !['statusCode', 'code', 'error', 'message'].includes(field));
  return extra.length === 0 ? null : `error body with extra fields ${extra.join(', ')}`;
}

function codeOf(response: RawResponse): string | undefined {
  try {
    return (JSON.parse(response.body) as { code?: string }).code;
  } catch {
    return undefined;
  }
}
