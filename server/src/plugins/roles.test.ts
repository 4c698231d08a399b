// The role matrix (issue 8, README), held route by route: every route of the OpenAPI document
// is asked by a session of each role, and answers 403 exactly when the matrix says no. A
// route added without an entry in ROUTE_PERMISSIONS fails the first test.
import { MAY, type Permission, ROLES, type Role } from '@porttwin/contracts';
import { createUser, type Database, insertKioskToken, openDatabase } from '@porttwin/db';
import { readSiteFile, SMALL_PORT_SITE_FILE } from '@porttwin/simulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type App, buildApp } from '../app';
import { kioskTokenOf, sessionTokenOf } from '../testing/tokens';

const site = readSiteFile(SMALL_PORT_SITE_FILE);

/** What each route needs: a permission of contracts' MAY, or 'public' (no session at all). */
const ROUTE_PERMISSIONS: Record<string, Permission | 'public'> = {
  'GET /api/health': 'public',
  // The client's "not built yet" page (clientDir has no build here): no data.
  'GET /': 'public',
  'POST /api/auth/login': 'public',
  'POST /api/auth/kiosk-session': 'public',
  'POST /api/auth/logout': 'ownSession',
  'GET /api/auth/session': 'ownSession',
  'GET /api/openapi.json': 'readLive',
  'POST /api/auth/kiosk-tokens': 'issueCredentials',
  'GET /api/auth/kiosk-tokens': 'issueCredentials',
  'DELETE /api/auth/kiosk-tokens/{id}': 'issueCredentials',
  'POST /api/devices/{assetId}/credentials': 'issueCredentials',
  'POST /api/sites/{site}/publisher-credentials': 'issueCredentials',
  'GET /api/site': 'readLive',
  'GET /api/assets': 'readLive',
  'GET /api/assets/{id}': 'readLive',
  'GET /api/kpis': 'readLive',
  'GET /api/kpis/summary': 'readLive',
  'GET /api/forecast': 'readLive',
  'GET /api/journeys': 'readLive',
  'GET /api/clearance': 'readLive',
  'GET /api/alerts': 'readLive',
  'GET /api/alerts/{id}': 'readLive',
  'POST /api/alerts/{id}/ack': 'acknowledgeAlerts',
  'POST /api/alerts/{id}/assign': 'handleAlerts',
  'POST /api/alerts/{id}/resolve': 'handleAlerts',
  'POST /api/alerts/{id}/steps/{n}': 'handleAlerts',
  'GET /api/telemetry': 'readHistory',
  'GET /api/events': 'readHistory',
  'GET /api/dead-letters': 'readDiagnostics',
  'GET /metrics': 'readDiagnostics',
  'GET /api/users': 'manageUsers',
  'POST /api/users': 'manageUsers',
  'PATCH /api/users/{username}': 'manageUsers',
  'DELETE /api/users/{username}': 'manageUsers',
  'GET /api/audit': 'readAudit',
};
/** The kiosk token the kiosk role's requests carry. */
const KIOSK_ID = 'kiosk-on-shift';
/** Routes the OpenAPI document leaves out. */
const HIDDEN_ROUTES = ['GET /api/openapi.json'];
/** Path parameters: values that exist, or for a change, a user that does not (404, not a deletion). */
const SAMPLE_PARAMS: Record<string, string> = { id: 'GL-IN-1', assetId: 'GL-IN-1', site: 'demo-port', username: 'no-such-user', n: '1' };
/** Bodies that pass each route's schema, so an allowed call is not refused for its input. */
const SAMPLE_BODIES: Record<string, object> = {
  'POST /api/auth/kiosk-tokens': { name: 'wall' },
  'POST /api/users': { username: 'relief-planner', password: 'tide-table-at-dawn', role: 'viewer' },
  'PATCH /api/users/{username}': { role: 'operator' },
  'POST /api/alerts/{id}/assign': { assignee: 'admin' },
  'POST /api/alerts/{id}/resolve': { note: 'checked on site' },
};

describe('the role matrix, on every route', () => {
  let db: Database;
  let app: App;

  beforeAll(async () => {
    db = await openDatabase();
    app = await buildApp({ db, site, adminPassword: 'harbour-master', clientDir: '/nonexistent' });
    await app.ready();
    // Each request takes a user's role from the users table: one user per role (kiosk is a token only).
    for (const role of ROLES.filter((role) => role !== 'kiosk'))
      await createUser(db, { username: `${role}-on-shift`, passwordHash: 'scrypt$not$a-password', role });
    // ...and a kiosk token's from its row in kiosk_tokens.
    await insertKioskToken(db, { id: KIOSK_ID, name: 'wall', issuedBy: 'admin', expiresAt: Date.now() + 3_600_000 });
  });
  afterAll(async () => {
    await app?.close();
    await db?.close();
  });

  const tokenOf = async (role: Role) => (role === 'kiosk' ? kioskTokenOf(app, KIOSK_ID) : sessionTokenOf(app, `${role}-on-shift`));

  async function routes(): Promise<string[]> {
    const document = (
      await app.inject({ method: 'GET', url: '/api/openapi.json', headers: { authorization: `Bearer ${await tokenOf('admin')}` } })
    ).json();
    const paths = document.paths as Record<string, Record<string, unknown>>;
    const documented = Object.entries(paths).flatMap(([path, operations]) =>
      Object.keys(operations).map((method) => `${method.toUpperCase()} ${path}`),
    );
    return [...documented, ...HIDDEN_ROUTES];
  }

  it('has an entry for every route, and no entry for a route that is gone', async () => {
    expect((await routes()).sort()).toEqual(Object.keys(ROUTE_PERMISSIONS).sort());
  });

  it('answers 403 exactly where the matrix refuses, for each role on each route', async () => {
    const answers: string[] = [];
    const expected: string[] = [];
    for (const route of await routes()) {
      const permission = ROUTE_PERMISSIONS[route];
      if (permission === undefined || permission === 'public') continue;
      const [method = '', path = ''] = route.split(' ');
      const url = path.replace(/\{(\w+)\}/g, (_, name: string) => SAMPLE_PARAMS[name] ?? `{${name}}`);
      for (const role of ROLES) {
        const body = SAMPLE_BODIES[route];
        const response = await app.inject({
          method: method as 'GET',
          url,
          headers: { authorization: `Bearer ${await tokenOf(role)}` },
          ...(body ? { payload: body } : {}),
        });
        const refused = response.statusCode === 403 && response.json().code === 'PT_FORBIDDEN';
        const unauthorised = response.statusCode === 401;
        answers.push(`${role} ${route}: ${refused ? 'refused' : unauthorised ? '401' : 'allowed'}`);
        const allowed = role === 'admin' || (MAY[permission] as readonly Role[]).includes(role);
        expected.push(`${role} ${route}: ${allowed ? 'allowed' : 'refused'}`);
      }
    }
    expect(answers).toEqual(expected);
    const privateRoutes = Object.values(ROUTE_PERMISSIONS).filter((permission) => permission !== 'public');
    expect(answers.length).toBe(privateRoutes.length * ROLES.length);
  });

  it('lets only admins and the roles the matrix names in, and kiosk only to read', () => {
    expect(MAY).toEqual({
      ownSession: ['viewer', 'operator', 'supervisor', 'engineer', 'admin', 'kiosk'],
      readLive: ['viewer', 'operator', 'supervisor', 'engineer', 'admin', 'kiosk'],
      readHistory: ['viewer', 'operator', 'supervisor', 'engineer', 'admin', 'kiosk'],
      readDiagnostics: ['engineer', 'supervisor', 'admin'],
      seePlates: ['operator', 'supervisor', 'engineer', 'admin'],
      exportData: ['engineer', 'supervisor', 'admin'],
      acknowledgeAlerts: ['operator', 'supervisor', 'admin'],
      handleAlerts: ['supervisor', 'admin'],
      changeRules: ['engineer', 'admin'],
      manageUsers: ['admin'],
      issueCredentials: ['admin'],
      readAudit: ['admin'],
    });
  });

  it('lets raw payloads and bulk exports, which carry plates unmasked, only to roles that see plates', () => {
    for (const role of [...MAY.readDiagnostics, ...MAY.exportData])
      expect({ role, seesPlates: (MAY.seePlates as readonly Role[]).includes(role) }).toEqual({ role, seesPlates: true });
  });

  it('refuses to everyone a private route that declares no roles', async () => {
    const bare = await buildApp({ db, site, adminPassword: 'harbour-master', clientDir: '/nonexistent' });
    bare.get('/api/undeclared', async () => ({ secret: 'berth plan' }));
    await bare.ready();
    const response = await bare.inject({
      method: 'GET',
      url: '/api/undeclared',
      headers: { authorization: `Bearer ${await sessionTokenOf(bare, 'admin')}` },
    });
    await bare.close();
    expect({ status: response.statusCode, code: response.json().code }).toEqual({ status: 403, code: 'PT_FORBIDDEN' });
  });
});
