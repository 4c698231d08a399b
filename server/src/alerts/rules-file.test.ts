// The site alerts file: the shipped ones are valid, a broken one is refused naming the file
// and the field, and an edit is read again without a restart.
import { mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AlertRulesFile } from '@porttwin/contracts';
import { DEFAULT_SITE_FILE, readSiteFile, SMALL_PORT_SITE_FILE } from '@porttwin/simulator';
import { afterEach, describe, expect, it } from 'vitest';
import { waitUntil } from '../testing/wait-until';
import { alertsFileBeside, alertsFilePath, readAlertsFile, watchAlertsFile } from './rules-file';

const shipped = JSON.parse(readFileSync(alertsFileBeside(DEFAULT_SITE_FILE), 'utf8')) as AlertRulesFile;

describe('the alerts file', () => {
  let dir = '';
  const stops: (() => void)[] = [];
  afterEach(() => {
    for (const stop of stops.splice(0)) stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
    dir = '';
  });
  const write = (content: unknown) => {
    dir ||= mkdtempSync(join(tmpdir(), 'porttwin-alerts-'));
    const path = join(dir, 'port.alerts.json');
    writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content));
    return path;
  };

  it('ships valid rules beside both shipped sites, each with a playbook for fire, radiation and crane faults', () => {
    for (const siteFile of [DEFAULT_SITE_FILE, SMALL_PORT_SITE_FILE]) {
      const path = alertsFilePath(null, siteFile);
      expect(path).toBe(alertsFileBeside(siteFile));
      const rules = readAlertsFile(path, readSiteFile(siteFile).site);
      expect(new Set(rules.rules.map((rule) => rule.when.kind))).toEqual(
        new Set(['event', 'status', 'silent', 'metric', 'eventRate', 'journey', 'forecast']),
      );
      expect(Object.keys(rules.playbooks ?? {})).toEqual(expect.arrayContaining(['fire', 'radiation', 'crane-fault']));
    }
  });

  it('names the file and the field that is wrong', () => {
    const badSeverity = structuredClone(shipped);
    (badSeverity.rules[1] as { severity: string }).severity = 'urgent';
    const path = write(badSeverity);
    expect(() => readAlertsFile(path, 'demo-port')).toThrow(`server: alerts file ${path}: rules.1.severity:`);

    const badForSec = structuredClone(shipped);
    (badForSec.rules[4]!.when as { forSec: number }).forSec = -1;
    expect(() => readAlertsFile(write(badForSec), 'demo-port')).toThrow(/rules\.4\.when/);

    const twice = structuredClone(shipped);
    twice.rules.push(twice.rules[0]!);
    expect(() => readAlertsFile(write(twice), 'demo-port')).toThrow(
      `rules.${twice.rules.length - 1}.id: "smoke-or-fire" is the id of an earlier rule`,
    );

    const bothWays = structuredClone(shipped);
    bothWays.rules[6]!.when = { kind: 'metric', metric: 'queueLength', over: 15, under: 2, forSec: 60 };
    expect(() => readAlertsFile(write(bothWays), 'demo-port')).toThrow('rules.6.when: a metric rule gives exactly one of over and under');

    expect(() => readAlertsFile(write('{"site": '), 'demo-port')).toThrow(/not valid JSON/);
    expect(() => readAlertsFile(write(shipped), 'other-port')).toThrow('site: "demo-port" is not the layout\'s site "other-port"');
  });

  it('reads an edited file again, and keeps the rules in force when an edit breaks it', async () => {
    const path = write(shipped);
    const seen: (AlertRulesFile | Error)[] = [];
    stops.push(
      watchAlertsFile(
        path,
        'demo-port',
        (rules) => seen.push(rules),
        (error) => seen.push(error),
        20,
      ),
    );
    const fewer = { ...shipped, rules: shipped.rules.slice(0, 2) };
    writeFileSync(path, JSON.stringify(fewer));
    // Later mtimes, whatever the file system's resolution.
    utimesSync(path, new Date(), new Date(Date.now() + 5000));
    await waitUntil(
      'the edit read',
      () => seen.length,
      (count) => count === 1,
    );
    expect((seen[0] as AlertRulesFile).rules.map((rule) => rule.id)).toEqual(['smoke-or-fire', 'radiation-high']);
    writeFileSync(path, JSON.stringify({ ...shipped, rules: [{ ...shipped.rules[0], severity: 'urgent' }] }));
    utimesSync(path, new Date(), new Date(Date.now() + 10_000));
    await waitUntil(
      'the broken edit read',
      () => seen.length,
      (count) => count === 2,
    );
    expect(String(seen[1])).toContain('rules.0.severity');
  });
});
