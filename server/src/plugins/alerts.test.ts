// The alerts file read again by a running console: a rule added to the file takes effect
// without a restart (a broken edit is refused by the watch itself: alerts/rules-file.test.ts).
import { mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Alert, AlertRulesFile, DeviceMessage } from '@porttwin/contracts';
import { createUser, type Database, openDatabase, writeIngestBatch } from '@porttwin/db';
import { readSiteFile, SMALL_PORT_SITE_FILE } from '@porttwin/simulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { alertsFileBeside, readAlertsFile } from '../alerts/rules-file';
import { type App, buildApp } from '../app';
import { sessionTokenOf } from '../testing/tokens';
import { waitUntil } from '../testing/wait-until';

const site = readSiteFile(SMALL_PORT_SITE_FILE);
const shipped = JSON.parse(readFileSync(alertsFileBeside(SMALL_PORT_SITE_FILE), 'utf8')) as AlertRulesFile;

describe('alert rules edited while the console runs', () => {
  let db: Database;
  let app: App;
  let dir = '';
  let token = '';
  let path = '';
  let edits = 0;

  /** Writes the file with a later mtime each time, whatever the file system's resolution. */
  const writeRules = (content: unknown) => {
    writeFileSync(path, JSON.stringify(content));
    edits += 1;
    utimesSync(path, new Date(), new Date(Date.now() + edits * 5000));
  };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'porttwin-alert-rules-'));
    path = join(dir, 'small-port.alerts.json');
    const withoutDetections = {
      ...shipped,
      rules: shipped.rules.filter((rule) => !('eventType' in rule.when) || rule.when.eventType !== 'detection'),
    };
    writeFileSync(path, JSON.stringify(withoutDetections));
    db = await openDatabase();
    app = await buildApp({
      db,
      site,
      alertRules: readAlertsFile(path, 'demo-port'),
      alertsFile: path,
      adminPassword: 'harbour-master',
      clientDir: '/nonexistent',
    });
    await app.ready();
    await createUser(db, { username: 'viewer-1', passwordHash: 'scrypt$not$a-password', role: 'viewer' });
    token = await sessionTokenOf(app, 'viewer-1');
  });
  afterAll(async () => {
    await app?.close();
    await db?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('puts a rule added to the file in force without a restart', async () => {
    expect(app.alerts.engine.eventTypes()).not.toContain('detection');
    writeRules(shipped);
    await waitUntil(
      'the smoke rule in force',
      () => app.alerts.engine.eventTypes(),
      (types) => types.includes('detection'),
    );

    let seq = 0;
    const smoke = (): DeviceMessage => {
      seq += 1;
      const now = Date.now();
      return {
        site: 'demo-port',
        kind: 'camera',
        assetId: 'CAM-02',
        channel: 'event',
        ts: now,
        seq,
        receivedAt: now,
        type: 'detection',
        data: { label: 'smoke', confidence: 0.9 },
      };
    };
    await writeIngestBatch(db, { gatewayId: 'g1', messages: [smoke()], deadLetters: [] });
    const list = async () =>
      (await app.inject({ method: 'GET', url: '/api/alerts', headers: { authorization: `Bearer ${token}` } })).json() as Alert[];
    // Only the smoke rule is asked about: the file's clock-driven rules (a forecast, a silent
    // device) may open alerts of their own on a slow machine, and they are not this test's.
    const smokeAlerts = (alerts: Alert[]) => alerts.filter((alert) => alert.rule === 'smoke-or-fire');
    const alerts = await waitUntil('the smoke alert', list, (all) => smokeAlerts(all).length > 0);
    expect(smokeAlerts(alerts)).toEqual([expect.objectContaining({ rule: 'smoke-or-fire', assetId: 'CAM-02', severity: 'critical' })]);
  });
});
