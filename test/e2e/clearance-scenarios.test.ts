// The bottleneck against the shipped scenarios: the simulator runs the default site as fast as
// it can into a real console — hours of the normal model first, so each stage and asset has a
// baseline, then the scenario from a fixed start — and GET /api/clearance must name the stage
// the scenario chokes: the scan queue in `scanner-outage`, an inbound gate queue in
// `lane-closure`; over the normal hours it names nothing, and over `normal-day` only its
// morning peak.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_SITE_FILE, readScenarioFile, readSiteFile, type Scenario, scenarioFile, startSimulator } from '@porttwin/simulator';
import { afterEach, describe, expect, it } from 'vitest';
import { getJson, signIn } from '../support/console-client';
import { issuePublisherCredential, mqttUrlWith } from '../support/console-credentials';
import { type ConsoleProcess, startConsoleProcess } from '../support/console-process';
import { waitFor } from '../support/wait-for';

const PASSWORD = 'clearance-harbour-master';
const HOUR = 3_600_000;
const MINUTE = 60_000;
// 10:00 at the harbour port (UTC+8): the scenario starts in the day's traffic, after three normal hours.
const START = Date.UTC(2026, 10, 22, 2, 0, 0);

interface Clearance {
  stages: { stage: string; assetId?: string; count: number; meanSec: number }[];
  bottleneck: { stage: string; assetId: string | null; dwellSec: number; baselineSec: number } | null;
}

describe('the bottleneck in the shipped scenarios', () => {
  let console: ConsoleProcess | undefined;
  let dataDir = '';
  let token = '';
  afterEach(async () => {
    await console?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  interface Leg {
    startMs: number;
    durationSec: number;
    seed: number;
    scenario?: Scenario;
  }

  /** A console fed the simulator's legs, one after the other, every message stored. */
  async function run(legs: Leg[]): Promise<void> {
    dataDir = mkdtempSync(join(tmpdir(), 'porttwin-clearance-'));
    console = await startConsoleProcess({
      DATA_DIR: dataDir,
      PORTTWIN_ADMIN_PASSWORD: PASSWORD,
      SIMULATOR: 'off',
      SITE_FILE: DEFAULT_SITE_FILE,
    });
    const url = console.url;
    token = await signIn(url, PASSWORD);
    const mqttUrl = mqttUrlWith(
      `mqtt://127.0.0.1:${console.mqttPort}`,
      await issuePublisherCredential(url, token, 'demo-port', 'clearance'),
    );
    const layout = readSiteFile(DEFAULT_SITE_FILE);
    let published = 0;
    for (const leg of legs) {
      const simulator = await startSimulator({ mqttUrl, layout, speed: 'max', telemetryIntervalMs: 60_000, ...leg });
      await simulator.done;
      published += simulator.published();
    }
    await waitFor(
      'every published message stored',
      async () => {
        const metrics = await (await fetch(`${url}/metrics`, { headers: { authorization: `Bearer ${token}` } })).text();
        const stored = Number(/porttwin_ingest_messages_total (\d+)/.exec(metrics)?.[1] ?? 0);
        const rejected = Number(/porttwin_dead_letters_total (\d+)/.exec(metrics)?.[1] ?? 0);
        return stored + rejected;
      },
      (count) => count >= published,
      120_000,
    );
  }

  /** Three normal hours before START, then `scenario` from START for 70 minutes. */
  const afterNormalHours = (scenario: string): Leg[] => [
    { startMs: START - 3 * HOUR, durationSec: 3 * 3600, seed: 11 },
    { startMs: START, durationSec: 4200, seed: 12, scenario: readScenarioFile(scenarioFile(scenario)) },
  ];

  const clearance = (from: number, to: number) =>
    getJson<Clearance>(`${(console as ConsoleProcess).url}/api/clearance?from=${from}&to=${to}`, token);

  it('names nothing over normal hours, and the scan queue while a scanner is out', async () => {
    await run(afterNormalHours('scanner-outage'));
    // Normal hours, each against the hours before it (the first has too little before it).
    for (const hour of [2, 1]) {
      const normal = await clearance(START - hour * HOUR, START - (hour - 1) * HOUR);
      expect({ hour, bottleneck: normal.bottleneck }).toEqual({ hour, bottleneck: null });
    }
    // SC-01 is out from minute 10 to 55; the queue it leaves builds at SC-02.
    const outage = await clearance(START + 10 * MINUTE, START + 70 * MINUTE);
    expect(outage.bottleneck?.stage, JSON.stringify(outage)).toBe('scanQueue');
    expect(['SC-01', 'SC-02']).toContain(outage.bottleneck?.assetId);
    const { dwellSec, baselineSec } = outage.bottleneck as NonNullable<Clearance['bottleneck']>;
    expect(dwellSec).toBeGreaterThan(baselineSec * 1.5);
  }, 900_000);

  it('names an open inbound lane’s gate queue when lanes 1–8 close', async () => {
    await run(afterNormalHours('lane-closure'));
    const closure = await clearance(START + 5 * MINUTE, START + 65 * MINUTE);
    expect(closure.bottleneck?.stage, JSON.stringify(closure)).toBe('gateQueue');
    expect(['GL-IN-9', 'GL-IN-10', 'GL-IN-11', 'GL-IN-12']).toContain(closure.bottleneck?.assetId);
  }, 900_000);

  it('names nothing most of a normal day, only its morning peak', async () => {
    // Midnight at the harbour port (UTC+8): the whole day, its morning and afternoon peaks too.
    const midnight = Date.UTC(2026, 10, 21, 16, 0, 0);
    await run([{ startMs: midnight, durationSec: 86_400, seed: 13, scenario: readScenarioFile(scenarioFile('normal-day')) }]);
    const named: string[] = [];
    // Each hour from 03:00, when it has three hours before it.
    for (let hour = 3; hour < 24; hour += 1) {
      const { bottleneck } = await clearance(midnight + hour * HOUR, midnight + (hour + 1) * HOUR);
      if (bottleneck) named.push(`${String(hour).padStart(2, '0')}:00 ${bottleneck.stage} ${bottleneck.assetId}`);
    }
    // The same seed and day make the same run. One hour of 21 is named: 08:00, the morning
    // peak's inspections queuing at SC-01 (140 s against 38 s in the three hours before) — a
    // real, brief growth, past the 1.5× and 60 s the rule asks.
    expect(named).toEqual(['08:00 scanQueue SC-01']);
  }, 900_000);
});
