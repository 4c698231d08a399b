// The alerts API and push on a real app over a real database: device events stored as a gateway
// stores them raise alerts; operators acknowledge, supervisors assign, resolve and tick playbook
// steps, viewers and kiosks only read; every action is audited, refused with a clear 400, 403,
// 404 or 409 when it should be, and pushed to sockets; a reconnecting console gets what it missed.
import { readFileSync } from 'node:fs';
import {
  type Alert,
  type AlertRulesFile,
  type AlertWithHistory,
  type DeviceMessage,
  ROLES,
  type Role,
  type ServerToClientEvents,
} from '@porttwin/contracts';
import { createUser, type Database, insertKioskToken, listAudit, openDatabase, writeIngestBatch } from '@porttwin/db';
import { readSiteFile, SMALL_PORT_SITE_FILE } from '@porttwin/simulator';
import { io, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { alertsFileBeside } from '../alerts/rules-file';
import { type App, buildApp } from '../app';
import { kioskTokenOf, sessionTokenOf } from '../testing/tokens';
import { waitUntil } from '../testing/wait-until';

const site = readSiteFile(SMALL_PORT_SITE_FILE);
const shipped = JSON.parse(readFileSync(alertsFileBeside(SMALL_PORT_SITE_FILE), 'utf8')) as AlertRulesFile;
// The shipped event rules only: rules judged by the wall clock (a camera silent for 5 min) would
// raise alerts of their own on a slow machine, and they are the engine test's to pin down.
const rules = { ...shipped, rules: shipped.rules.filter((rule) => rule.when.kind === 'event') };

let seq = 0;
function event(kind: DeviceMessage['kind'], assetId: string, type: string, data: Record<string, unknown>): DeviceMessage {
  seq += 1;
  const now = Date.now();
  return { site: 'demo-port', kind, assetId, channel: 'event', ts: now, seq, receivedAt: now, type, data };
}

describe('the alerts API', () => {
  let db: Database;
  let app: App;
  let port = 0;
  const tokens = new Map<Role, string>();
  const sockets: Socket[] = [];

  beforeAll(async () => {
    db = await openDatabase();
    app = await buildApp({ db, site, alertRules: rules, adminPassword: 'harbour-master', clientDir: '/nonexistent' });
    await app.listen({ port: 0, host: '127.0.0.1' });
    port = (app.server.address() as { port: number }).port;
    const expiresAt = Date.now() + 600_000;
    for (const role of ROLES) {
      if (role === 'kiosk') await insertKioskToken(db, { id: 'ops-wall', name: 'ops-wall', issuedBy: 'admin', expiresAt });
      else if (role !== 'admin') await createUser(db, { username: `${role}-1`, passwordHash: 'scrypt$not$a-password', role });
      tokens.set(
        role,
        role === 'kiosk'
          ? kioskTokenOf(app, 'ops-wall', 'ops-wall', expiresAt)
          : await sessionTokenOf(app, role === 'admin' ? 'admin' : `${role}-1`),
      );
    }
  });
  afterAll(async () => {
    for (const socket of sockets) socket.close();
    await app?.close();
    await db?.close();
  });

  const call = (role: Role, method: 'GET' | 'POST', url: string, body?: object) =>
    app.inject({ method, url, headers: { authorization: `Bearer ${tokens.get(role)}` }, ...(body ? { payload: body } : {}) });
  const alerts = async (query = '') => (await call('viewer', 'GET', `/api/alerts${query}`)).json() as Alert[];

  function connect(role: Role, alertsSince?: number): Promise<{ socket: Socket<ServerToClientEvents>; alerts: Alert[] }> {
    const socket: Socket<ServerToClientEvents> = io(`http://127.0.0.1:${port}`, {
      auth: { token: tokens.get(role), ...(alertsSince !== undefined ? { alertsSince } : {}) },
      transports: ['websocket'],
      reconnection: false,
    });
    sockets.push(socket);
    return new Promise((resolve, reject) => {
      socket.once('snapshot', (snapshot) => resolve({ socket, alerts: snapshot.alerts }));
      socket.once('connect_error', reject);
    });
  }

  it('raises one critical alert for smoke that counts each detection, pushes it and gives it in the snapshot', async () => {
    const { socket } = await connect('operator');
    const pushed: Alert[] = [];
    socket.on('alert', (alert) => pushed.push(alert));
    await writeIngestBatch(db, {
      gatewayId: 'g1',
      messages: [
        event('camera', 'CAM-01', 'detection', { label: 'person_in_zone', confidence: 0.8, zone: 'Y1' }),
        event('camera', 'CAM-01', 'detection', { label: 'smoke', confidence: 0.93, zone: 'Y1' }),
      ],
      deadLetters: [],
    });
    await writeIngestBatch(db, {
      gatewayId: 'g1',
      messages: [event('camera', 'CAM-01', 'detection', { label: 'fire', confidence: 0.97, zone: 'Y1' })],
      deadLetters: [],
    });
    const [smoke] = await waitUntil(
      'the smoke alert counted twice',
      () => alerts(),
      (list) => list[0]?.count === 2,
    );
    expect(smoke).toMatchObject({
      rule: 'smoke-or-fire',
      type: 'fire',
      assetId: 'CAM-01',
      severity: 'critical',
      state: 'raised',
      count: 2,
      acknowledgedBy: null,
      detail: { eventType: 'detection', label: 'fire', confidence: 0.97, zone: 'Y1' },
    });
    expect(smoke?.steps.map((step) => [step.step, step.doneBy])).toEqual([
      [1, null],
      [2, null],
      [3, null],
      [4, null],
    ]);
    await waitUntil(
      'both changes pushed',
      () => pushed.length,
      (count) => count === 2,
    );
    expect(pushed.map((alert) => [alert.id, alert.count])).toEqual([
      [smoke!.id, 1],
      [smoke!.id, 2],
    ]);
    const { alerts: snapshot } = await connect('kiosk');
    expect(snapshot.map((alert) => alert.id)).toEqual([smoke!.id]);
  });

  it('lets operators acknowledge, not viewers or kiosks, records who and when, and audits it', async () => {
    const [smoke] = await alerts();
    for (const role of ['viewer', 'kiosk'] as const)
      expect((await call(role, 'POST', `/api/alerts/${smoke!.id}/ack`)).statusCode).toBe(403);
    const before = Date.now();
    const acked = await call('operator', 'POST', `/api/alerts/${smoke!.id}/ack`);
    expect(acked.statusCode, acked.body).toBe(200);
    const alert = acked.json() as Alert;
    expect(alert).toMatchObject({ state: 'acknowledged', acknowledgedBy: 'operator-1' });
    expect(alert.acknowledgedAt).toBeGreaterThanOrEqual(before);
    const again = await call('supervisor', 'POST', `/api/alerts/${smoke!.id}/ack`);
    expect(again.statusCode).toBe(409);
    expect(again.json().message).toBe(`server: alert ${smoke!.id} is acknowledged: only a raised alert is acknowledged`);
    const audit = await listAudit(db, { from: before - 1000, to: Date.now() + 1000, limit: 10 }, { action: 'alert.acknowledge' });
    expect(audit.map((line) => [line.username, line.subject, line.detail.rule])).toEqual([
      ['operator-1', String(smoke!.id), 'smoke-or-fire'],
    ]);
  });

  it('lets supervisors assign to a user, tick playbook steps and resolve with a note; the history has it all', async () => {
    const [smoke] = await alerts();
    const id = smoke!.id;
    expect((await call('operator', 'POST', `/api/alerts/${id}/assign`, { assignee: 'operator-1' })).statusCode).toBe(403);
    const nobody = await call('supervisor', 'POST', `/api/alerts/${id}/assign`, { assignee: 'nobody' });
    expect([nobody.statusCode, nobody.json().message]).toEqual([400, 'server: body/assignee: no user "nobody"']);
    const assigned = await call('supervisor', 'POST', `/api/alerts/${id}/assign`, { assignee: 'operator-1' });
    expect((assigned.json() as Alert).assignedTo).toBe('operator-1');

    const ticked = await call('supervisor', 'POST', `/api/alerts/${id}/steps/2`);
    expect(ticked.statusCode, ticked.body).toBe(200);
    expect((ticked.json() as Alert).steps.map((step) => step.doneBy)).toEqual([null, 'supervisor-1', null, null]);
    expect((await call('supervisor', 'POST', `/api/alerts/${id}/steps/2`)).statusCode).toBe(409);
    const noStep = await call('supervisor', 'POST', `/api/alerts/${id}/steps/9`);
    expect([noStep.statusCode, noStep.json().message]).toEqual([
      400,
      `server: params/n: alert ${id} (fire) has 4 steps; there is no step 9`,
    ]);

    const noNote = await call('supervisor', 'POST', `/api/alerts/${id}/resolve`, {});
    expect(noNote.statusCode).toBe(400);
    expect(noNote.json().message).toContain('note');
    const resolved = await call('supervisor', 'POST', `/api/alerts/${id}/resolve`, { note: 'false alarm: welding in block Y1' });
    expect(resolved.json()).toMatchObject({
      state: 'resolved',
      resolvedBy: 'supervisor-1',
      resolveNote: 'false alarm: welding in block Y1',
    });
    expect((await call('supervisor', 'POST', `/api/alerts/${id}/resolve`, { note: 'again' })).statusCode).toBe(409);

    const one = (await call('viewer', 'GET', `/api/alerts/${id}`)).json() as AlertWithHistory;
    expect(one.history.map((line) => [line.action, line.by, line.note])).toEqual([
      ['raised', 'system', null],
      ['repeated', 'system', null],
      ['acknowledged', 'operator-1', null],
      ['assigned', 'supervisor-1', null],
      ['step', 'supervisor-1', null],
      ['resolved', 'supervisor-1', 'false alarm: welding in block Y1'],
    ]);
    expect(await alerts()).toEqual([]);
    expect((await alerts('?state=resolved')).map((alert) => alert.id)).toEqual([id]);
    expect((await alerts('?state=all&severity=critical')).map((alert) => alert.id)).toEqual([id]);
    expect(await alerts('?state=all&severity=minor')).toEqual([]);
  });

  it('opens a new alert when the condition comes back after a resolve, and a crane fault resolves when cleared', async () => {
    await writeIngestBatch(db, {
      gatewayId: 'g1',
      messages: [event('qc', 'QC-01', 'fault.raised', { code: 'E-HOIST', severity: 'major', message: 'hoist' })],
      deadLetters: [],
    });
    const [fault] = await waitUntil(
      'the crane fault',
      () => alerts(),
      (list) => list.some((alert) => alert.rule === 'crane-fault'),
    );
    expect(fault).toMatchObject({ rule: 'crane-fault', assetId: 'QC-01', severity: 'major', state: 'raised' });
    await writeIngestBatch(db, {
      gatewayId: 'g1',
      messages: [event('qc', 'QC-01', 'fault.cleared', { code: 'E-HOIST' })],
      deadLetters: [],
    });
    const resolved = await waitUntil(
      'the fault resolved',
      async () => (await call('viewer', 'GET', `/api/alerts/${fault!.id}`)).json() as AlertWithHistory,
      (alert) => alert.state === 'resolved',
    );
    expect(resolved).toMatchObject({ resolvedBy: 'system', resolveNote: 'condition cleared' });
  });

  it('gives a reconnecting console the open alerts and those changed since it last heard', async () => {
    const all = await alerts('?state=all');
    const since = Math.min(...all.map((alert) => alert.updatedAt)) - 1;
    const { alerts: missed } = await connect('viewer', since);
    expect(missed.map((alert) => [alert.rule, alert.state]).sort()).toEqual([
      ['crane-fault', 'resolved'],
      ['smoke-or-fire', 'resolved'],
    ]);
    const { alerts: fresh } = await connect('viewer');
    expect(fresh).toEqual([]);
  });

  it('refuses bad requests naming the field, and an unknown alert with 404', async () => {
    const badState = await call('viewer', 'GET', '/api/alerts?state=closed');
    expect(badState.statusCode).toBe(400);
    expect(badState.json().message).toContain('state');
    const badTime = await call('viewer', 'GET', '/api/alerts?from=yesterday');
    expect([badTime.statusCode, badTime.json().message]).toEqual([
      400,
      'server: from="yesterday" is neither RFC 3339 nor epoch milliseconds',
    ]);
    expect((await call('viewer', 'GET', '/api/alerts/not-a-number')).statusCode).toBe(400);
    const unknown = await call('operator', 'POST', '/api/alerts/999999/ack');
    expect([unknown.statusCode, unknown.json().message]).toEqual([404, 'server: alert 999999 not found']);
  });

  it('documents the alert routes in the OpenAPI document', async () => {
    const document = (await call('viewer', 'GET', '/api/openapi.json')).json() as { paths: Record<string, object> };
    expect(Object.keys(document.paths).filter((path) => path.startsWith('/api/alerts'))).toEqual([
      '/api/alerts',
      '/api/alerts/{id}',
      '/api/alerts/{id}/ack',
      '/api/alerts/{id}/assign',
      '/api/alerts/{id}/resolve',
      '/api/alerts/{id}/steps/{n}',
    ]);
  });

  it('masks the plate in an alert for viewer and kiosk, on HTTP and on the socket', async () => {
    const { socket: kioskSocket } = await connect('kiosk');
    const { socket: operatorSocket } = await connect('operator');
    const pushed = new Map<string, Alert>();
    kioskSocket.on('alert', (alert) => pushed.set('kiosk', alert));
    operatorSocket.on('alert', (alert) => pushed.set('operator', alert));
    await writeIngestBatch(db, {
      gatewayId: 'g1',
      messages: [event('rpm', 'RPM-01', 'radiation.alarm', { plate: '粤B12345', level: 'high', gammaCps: 950 })],
      deadLetters: [],
    });
    const [radiation] = await waitUntil(
      'the radiation alert',
      () => alerts(),
      (list) => list.some((alert) => alert.rule === 'radiation-high'),
    );
    expect(radiation).toMatchObject({
      rule: 'radiation-high',
      type: 'radiation',
      severity: 'critical',
      detail: { plate: '粤B1***5', level: 'high' },
    });
    const asOperator = (await call('operator', 'GET', `/api/alerts/${radiation!.id}`)).json() as AlertWithHistory;
    expect(asOperator.detail.plate).toBe('粤B12345');
    await waitUntil(
      'both sockets told',
      () => pushed.size,
      (size) => size === 2,
    );
    expect([pushed.get('kiosk')?.detail.plate, pushed.get('operator')?.detail.plate]).toEqual(['粤B1***5', '粤B12345']);
  });
});
