// Site, flow and scenario files: the shipped ones load, and a bad one is rejected with an
// error that names the file and the field.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigFileError } from '../errors';
import { SCENARIO_NAMES, scenarioFile } from '../scenarios';
import { DEFAULT_SITE_FILE, readSiteFile } from '../site-file';
import { DEFAULT_FLOW } from './flow-config';
import { readFlowFile } from './flow-file';
import { readScenarioFile } from './scenario';

const dir = mkdtempSync(join(tmpdir(), 'porttwin-config-'));
function file(name: string, value: unknown): string {
  const path = join(dir, name);
  writeFileSync(path, typeof value === 'string' ? value : JSON.stringify(value));
  return path;
}
const layout = readSiteFile(DEFAULT_SITE_FILE);

describe('the default site', () => {
  it('is a port at realistic scale', () => {
    const count = (kind: string, direction?: string) =>
      layout.assets.filter((a) => a.kind === kind && (!direction || a.direction === direction)).length;
    expect(layout.quay.x2 - layout.quay.x1).toBeGreaterThanOrEqual(1200);
    expect(layout.berths).toHaveLength(4);
    expect(count('qc')).toBeGreaterThanOrEqual(10);
    expect(count('qc')).toBeLessThanOrEqual(12);
    expect(layout.yardBlocks.length).toBeGreaterThanOrEqual(20);
    expect(count('yc')).toBeGreaterThanOrEqual(20);
    expect(count('gate', 'in')).toBeGreaterThanOrEqual(12);
    expect(count('gate', 'out')).toBeGreaterThanOrEqual(12);
    expect(count('scanner')).toBe(2);
    expect(count('rpm')).toBeGreaterThanOrEqual(count('gate', 'in'));
    expect(count('camera')).toBeGreaterThanOrEqual(15);
    expect(layout.inspectionHall).toBeDefined();
  });
});

describe('flow files', () => {
  it('lay their overrides over the defaults', () => {
    const flow = readFlowFile(
      file('peak.json', { trucks: { arrivalsPerHour: 400 }, gate: { inServiceSec: { kind: 'exponential', mean: 40 } } }),
    );
    expect(flow.trucks.arrivalsPerHour).toBe(400);
    expect(flow.trucks.hourlyProfile).toEqual(DEFAULT_FLOW.trucks.hourlyProfile);
    expect(flow.gate.inServiceSec).toEqual({ kind: 'exponential', mean: 40 });
    expect(flow.gate.outServiceSec).toEqual(DEFAULT_FLOW.gate.outServiceSec);
  });

  it('name the file and the field of a wrong value', () => {
    const path = file('bad-share.json', { inspection: { share: 1.5 } });
    expect(() => readFlowFile(path)).toThrow(ConfigFileError);
    expect(() => readFlowFile(path)).toThrow(`simulator: flow file ${path}: inspection.share`);
  });

  it('name the parameter a distribution lacks', () => {
    const path = file('bad-dist.json', { inspection: { scanSec: { kind: 'lognormal', median: 70 } } });
    expect(() => readFlowFile(path)).toThrow('inspection.scanSec.sigma: required for a lognormal distribution');
  });

  it('name an unknown field', () => {
    expect(() => readFlowFile(file('typo.json', { gate: { inServiceSecs: { kind: 'fixed', value: 3 } } }))).toThrow(/gate/);
  });

  it('reject a file that is not JSON, naming the file', () => {
    const path = file('broken.json', '{ "trucks": ');
    expect(() => readFlowFile(path)).toThrow(`simulator: flow file ${path}: not valid JSON`);
  });
});

describe('scenario files', () => {
  it.each(SCENARIO_NAMES)('ships %s, valid against the default site', (name) => {
    const scenario = readScenarioFile(scenarioFile(name), layout);
    expect(scenario.name.length).toBeGreaterThan(0);
  });

  it('name the injection whose asset is not in the site', () => {
    const path = file('ghost.json', { name: 'ghost', timeline: [{ at: 60, action: 'scanner.outage', asset: 'SC-09', durationSec: 60 }] });
    expect(() => readScenarioFile(path, layout)).toThrow(
      `simulator: scenario file ${path}: timeline.0.asset: no asset "SC-09" in site demo-port`,
    );
  });

  it('name the injection whose asset is the wrong kind', () => {
    const path = file('wrong-kind.json', { name: 'wrong', timeline: [{ at: '0:01', action: 'crane.breakdown', asset: 'SC-01' }] });
    expect(() => readScenarioFile(path, layout)).toThrow('timeline.0.asset: "SC-01" is a scanner; crane.breakdown needs a qc or yc');
  });

  it('name a bad time, action or missing parameter', () => {
    expect(() =>
      readScenarioFile(file('time.json', { name: 't', timeline: [{ at: 'soon', action: 'arrivals.surge', factor: 2 }] })),
    ).toThrow(/timeline\.0\.at/);
    expect(() => readScenarioFile(file('action.json', { name: 'a', timeline: [{ at: 1, action: 'meteor.strike' }] }))).toThrow(
      /timeline\.0\.action/,
    );
    expect(() =>
      readScenarioFile(file('label.json', { name: 'l', timeline: [{ at: 1, action: 'camera.detection', asset: 'CAM-01' }] })),
    ).toThrow('timeline.0.label: required for camera.detection');
  });

  it('name a bad flow override inside a scenario', () => {
    const path = file('flow.json', { name: 'f', flow: { trucks: { arrivalsPerHour: -3 } }, timeline: [] });
    expect(() => readScenarioFile(path)).toThrow(`simulator: scenario file ${path}: flow.trucks.arrivalsPerHour`);
  });
});
