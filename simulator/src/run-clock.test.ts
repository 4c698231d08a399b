// Running faster than real time against the machine's Mosquitto: the run starts in the past,
// never stamps a message later than the wall clock, stops itself at the end of its duration
// and leaves the ground truth in a JSON-lines file.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodeDeviceMessage } from '@porttwin/contracts';
import { afterAll, describe, expect, it } from 'vitest';
import { DEFAULT_SITE_FILE, readSiteFile, startSimulator, type TruthRecord } from './index';
import { checkStartMs, defaultStartMs } from './run-clock';
import { BROKER, clearRetained, mosquittoAvailable, testSite, watch } from './test-broker';

describe('defaultStartMs', () => {
  it('starts a real-time run now, and a faster one its duration (or an hour) before now', () => {
    expect(defaultStartMs(1_000_000_000, 1, 600)).toBe(1_000_000_000);
    expect(defaultStartMs(1_000_000_000, 10, 600)).toBe(1_000_000_000 - 600_000);
    expect(defaultStartMs(1_000_000_000, 'max', undefined)).toBe(1_000_000_000 - 3_600_000);
  });
});

describe('checkStartMs', () => {
  const now = Date.UTC(2026, 10, 22, 12, 0, 0);

  it('takes a start up to the wall clock', () => {
    expect(() => checkStartMs(now - 86_400_000, now)).not.toThrow();
    expect(() => checkStartMs(now, now)).not.toThrow();
  });

  it('refuses a start after the wall clock, naming both', () => {
    expect(() => checkStartMs(now + 1, now)).toThrow('simulator: startMs 2026-11-22T12:00:00.001Z is after the wall clock (2026-11-22T12:00:00.000Z)');
  });

  it('refuses a start that is not a time', () => {
    expect(() => checkStartMs(Number.NaN, now)).toThrow('simulator: startMs must be epoch milliseconds, got NaN');
  });
});

const up = await mosquittoAvailable('accelerated runs');
const site = testSite('fast');

describe('as fast as possible, against Mosquitto', () => {
  afterAll(async () => {
    if (up) await clearRetained(site);
  });

  it.skipIf(!up)('runs 20 simulated minutes of the default site, all in the past, and writes the truth', async () => {
    const layout = { ...readSiteFile(DEFAULT_SITE_FILE), site };
    const truthFile = join(mkdtempSync(join(tmpdir(), 'porttwin-truth-')), 'truth.jsonl');
    const watcher = await watch(`porttwin/v1/${site}/#`, site);
    const startedAt = Date.now();
    const simulator = await startSimulator({ mqttUrl: BROKER, layout, speed: 'max', durationSec: 1200, truthFile, seed: 9, clientId: `${site}-sim` });
    await simulator.done;
    const doneAt = Date.now();
    await new Promise((resolve) => setTimeout(resolve, 300));
    await watcher.end();
    // The run ends where the wall clock stood when it began: long before it finished.
    expect(simulator.simulatedNow()).toBeGreaterThanOrEqual(startedAt);
    expect(simulator.simulatedNow()).toBeLessThan(doneAt);
    expect(watcher.received.length).toBeGreaterThan(100_000);
    // Nothing stamped after the moment it was received (the edge rejects the future).
    const late = watcher.received.filter((m) => {
      const decoded = decodeDeviceMessage({ topic: m.topic, payload: m.payload, payloadBytes: Buffer.byteLength(m.payload), receivedAt: m.at, retained: m.retain });
      return !decoded.ok || decoded.message.ts > m.at;
    });
    expect(late).toEqual([]);
    const truth = readFileSync(truthFile, 'utf8').trim().split('\n').map((line) => JSON.parse(line) as TruthRecord);
    expect(truth[0]).toMatchObject({ type: 'run.started', site, seed: 9 });
    expect(truth.filter((r) => r.type === 'truck').length).toBeGreaterThan(20);
    expect(truth.filter((r) => r.type === 'crane.move').length).toBeGreaterThan(100);
  }, 40_000);
});
