// Running faster than real time against the machine's Mosquitto, from the default start: the
// run starts in the past, never stamps anything later than the wall clock, stops itself at the
// end of its duration and leaves the ground truth in a JSON-lines file.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DEFAULT_SITE_FILE, readSiteFile, startSimulator, type TruthRecord } from './index';
import { BROKER, clearRetained, mosquittoAvailable, testSite } from './test-broker';

const up = await mosquittoAvailable('accelerated runs');
const site = testSite('fast');
const DURATION_SEC = 600;

describe('as fast as possible, against Mosquitto', () => {
  const dir = mkdtempSync(join(tmpdir(), 'porttwin-truth-'));
  afterAll(async () => {
    if (up) await clearRetained(site);
    rmSync(dir, { recursive: true, force: true });
  });

  it.skipIf(!up)(
    'runs 10 simulated minutes of the default site, all in the past, and writes the truth',
    async () => {
      const layout = { ...readSiteFile(DEFAULT_SITE_FILE), site };
      const truthFile = join(dir, 'truth.jsonl');
      // Every message carries the model's time when it is made, as the truth record beside it does.
      const recorded: TruthRecord[] = [];
      const ahead: { record: TruthRecord; wall: number }[] = [];
      const startedAt = Date.now();
      const simulator = await startSimulator({
        mqttUrl: BROKER,
        layout,
        speed: 'max',
        durationSec: DURATION_SEC,
        truthFile,
        seed: 9,
        clientId: `${site}-sim`,
        truth: (record) => {
          recorded.push(record);
          const wall = Date.now();
          if (record.t > wall) ahead.push({ record, wall });
        },
      });
      await simulator.done;
      const doneAt = Date.now();
      // The run ends where the wall clock stood when it began: long before it finished.
      const end = simulator.simulatedNow();
      expect(end).toBeGreaterThanOrEqual(startedAt);
      expect(end).toBeLessThan(doneAt);
      expect(recorded[0]).toMatchObject({ t: end - DURATION_SEC * 1000, type: 'run.started', site, seed: 9 });
      // Nothing happened later than the wall clock when it happened (the edge rejects the future).
      expect(ahead).toEqual([]);
      expect(simulator.published()).toBeGreaterThan(0);
      const written = readFileSync(truthFile, 'utf8')
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line) as TruthRecord);
      expect(written).toEqual(recorded);
    },
    60_000,
  );
});
