// A console that cannot start says exactly why, naming the setting or file at fault.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runConsoleToExit } from '../support/console-process';

describe('console start-up errors', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'porttwin-startup-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('names MQTT_PORT when another process holds the port', async () => {
    const squatter: Server = createServer();
    await new Promise<void>((resolve) => squatter.listen(0, '0.0.0.0', resolve));
    const { port } = squatter.address() as { port: number };
    try {
      const result = await runConsoleToExit({ MQTT_PORT: String(port), DATA_DIR: join(dir, 'port-taken') });
      expect(result.code).toBe(1);
      expect(result.output).toContain(`MQTT_PORT ${port} is already in use`);
    } finally {
      squatter.close();
    }
  });

  it('names the field of a broken site file', async () => {
    const siteFile = join(dir, 'broken-site.json');
    writeFileSync(siteFile, JSON.stringify({ site: 'broken', name: 'Broken', anchor: { lat: 'north', lon: 0 } }));
    const result = await runConsoleToExit({ SITE_FILE: siteFile, DATA_DIR: join(dir, 'broken-site') });
    expect(result.code).toBe(1);
    expect(result.output).toContain(siteFile);
    expect(result.output).toMatch(/anchor\.lat/);
  });

  it('names the field of a broken targets file, and a missing one', async () => {
    const targetsFile = join(dir, 'broken.targets.json');
    writeFileSync(
      targetsFile,
      JSON.stringify({
        site: 'demo-port',
        shifts: [{ name: 'day', start: '08:00' }],
        targets: { turnSec: { target: 3600, better: 'shorter' } },
      }),
    );
    const broken = await runConsoleToExit({ TARGETS_FILE: targetsFile, DATA_DIR: join(dir, 'broken-targets') });
    expect(broken.code).toBe(1);
    expect(broken.output).toContain(`targets file ${targetsFile}`);
    expect(broken.output).toContain('targets.turnSec.better');

    const missing = join(dir, 'no-such.targets.json');
    const absent = await runConsoleToExit({ TARGETS_FILE: missing, DATA_DIR: join(dir, 'missing-targets') });
    expect(absent.code).toBe(1);
    expect(absent.output).toContain(`targets file ${missing}: cannot read`);
  });

  it('names the field of a broken alerts file, and a missing one', async () => {
    const alertsFile = join(dir, 'broken.alerts.json');
    const rule = { id: 'smoke', type: 'fire', severity: 'urgent', title: 'Smoke', when: { kind: 'silent', forSec: 60 }, resolve: 'auto' };
    writeFileSync(alertsFile, JSON.stringify({ site: 'demo-port', rules: [rule] }));
    const broken = await runConsoleToExit({ ALERTS_FILE: alertsFile, DATA_DIR: join(dir, 'broken-alerts') });
    expect(broken.code).toBe(1);
    expect(broken.output).toContain(`alerts file ${alertsFile}`);
    expect(broken.output).toContain('rules.0.severity');

    const missing = join(dir, 'no-such.alerts.json');
    const absent = await runConsoleToExit({ ALERTS_FILE: missing, DATA_DIR: join(dir, 'missing-alerts') });
    expect(absent.code).toBe(1);
    expect(absent.output).toContain(`alerts file ${missing}: cannot read`);
  });

  it('names a malformed environment variable', async () => {
    const result = await runConsoleToExit({ PORT: 'eighty' });
    expect(result.code).toBe(1);
    expect(result.output).toContain('PORT="eighty" must be an integer');
  });
});
