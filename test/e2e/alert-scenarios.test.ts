// The alert engine against the shipped scenarios, end to end: the simulator runs each scenario
// as fast as it can into a real console (embedded broker, gateway and database, the harbour
// port's shipped alert rules), and the alerts must match the simulator's ground truth — smoke
// in the yard raises one critical alert counting every detection, a crane breakdown raises and
// resolves itself when the fault clears, a flapping camera is one alert with a repeat count, and
// a device sending malformed messages among its good traffic raises nothing.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Alert, ServerToClientEvents } from '@porttwin/contracts';
import { DEFAULT_SITE_FILE, readScenarioFile, readSiteFile, scenarioFile, startSimulator, type TruthRecord } from '@porttwin/simulator';
import { io, type Socket } from 'socket.io-client';
import { afterEach, describe, expect, it } from 'vitest';
import { getJson, signIn } from '../support/console-client';
import { issuePublisherCredential, mqttUrlWith } from '../support/console-credentials';
import { type ConsoleProcess, startConsoleProcess } from '../support/console-process';
import { waitFor } from '../support/wait-for';

const PASSWORD = 'alerts-harbour-master';
const HOUR = 3_600_000;
const MINUTE = 60_000;
// 03:00 at the harbour port (UTC+8) on the latest day whose run has ended: quiet gates, so what
// alerts is the scenario.
const START = (() => {
  const threeAm = Date.UTC(2026, 0, 1, 19, 0, 0);
  return threeAm + Math.floor((Date.now() - 3 * HOUR - threeAm) / (24 * HOUR)) * 24 * HOUR;
})();

interface Run {
  url: string;
  token: string;
  truth: TruthRecord[];
  /** Every `alert` pushed to a socket.io client during the run. */
  pushed: Alert[];
  /** Epoch ms the scenario's run ends. */
  endMs: number;
}

describe('alerts in the shipped scenarios', () => {
  let console: ConsoleProcess | undefined;
  let socket: Socket<ServerToClientEvents> | undefined;
  let dataDir = '';
  afterEach(async () => {
    socket?.close();
    await console?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  /** A console fed one scenario from START, every message stored. */
  async function run(scenario: string): Promise<Run> {
    dataDir = mkdtempSync(join(tmpdir(), 'porttwin-alerts-'));
    console = await startConsoleProcess({
      DATA_DIR: dataDir,
      PORTTWIN_ADMIN_PASSWORD: PASSWORD,
      SIMULATOR: 'off',
      SITE_FILE: DEFAULT_SITE_FILE,
    });
    const { url } = console;
    const token = await signIn(url, PASSWORD);
    const pushed: Alert[] = [];
    socket = io(url, { auth: { token }, transports: ['websocket'] });
    socket.on('alert', (alert) => pushed.push(alert));
    await new Promise((resolve, reject) => {
      socket!.once('snapshot', resolve);
      socket!.once('connect_error', reject);
    });
    const mqttUrl = mqttUrlWith(`mqtt://127.0.0.1:${console.mqttPort}`, await issuePublisherCredential(url, token, 'demo-port', 'alerts'));
    const truth: TruthRecord[] = [];
    const plan = readScenarioFile(scenarioFile(scenario));
    const simulator = await startSimulator({
      mqttUrl,
      layout: readSiteFile(DEFAULT_SITE_FILE),
      speed: 'max',
      telemetryIntervalMs: 60_000,
      startMs: START,
      seed: 21,
      scenario: plan,
      truth: (record) => truth.push(record),
    });
    await simulator.done;
    const published = simulator.published();
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
    return { url, token, truth, pushed, endMs: START + (plan.durationSec ?? 0) * 1000 };
  }

  /** The alerts raised during the run (not those of the simulator's sign-off at its end). */
  const raisedInRun = async ({ url, token, endMs }: Run, rule: string) =>
    (await getJson<Alert[]>(`${url}/api/alerts?state=all&from=${START}&to=${endMs}`, token)).filter((alert) => alert.rule === rule);

  it('yard-smoke: one critical alert per camera that saw smoke, counting every smoke and fire detection, pushed to the console', async () => {
    const yard = await run('yard-smoke');
    const alarms = yard.truth.filter(
      (record): record is Extract<TruthRecord, { type: 'alarm' }> => record.type === 'alarm' && record.alarm.startsWith('detection.'),
    );
    const cameras = [...new Set(alarms.map((alarm) => alarm.asset))].sort();
    expect(cameras).toEqual(expect.arrayContaining(['CAM-04', 'CAM-06']));
    const expected = cameras.map((camera) => {
      const seen = alarms.filter((alarm) => alarm.asset === camera);
      return { assetId: camera, severity: 'critical', state: 'raised', count: seen.length, raisedAt: seen[0]!.t };
    });
    const smoke = await waitFor(
      'a smoke alert per camera, every detection counted',
      async () =>
        (await raisedInRun(yard, 'smoke-or-fire')).map(({ assetId, severity, state, count, raisedAt }) => ({
          assetId,
          severity,
          state,
          count,
          raisedAt,
        })),
      (alerts) => JSON.stringify(alerts.sort((a, b) => a.assetId.localeCompare(b.assetId))) === JSON.stringify(expected),
    );
    expect(smoke).toEqual(expected);
    // CAM-06: every 20 s for 6 min from minute 8, then fire once at minute 14 — 19 at least.
    expect(smoke.find((alert) => alert.assetId === 'CAM-06')!.count).toBeGreaterThanOrEqual(19);
    // The console was told of each: raised, then every repeat, in order.
    const detections = expected.find((alert) => alert.assetId === 'CAM-06')!.count;
    const pushedCounts = () =>
      yard.pushed.filter((alert) => alert.rule === 'smoke-or-fire' && alert.assetId === 'CAM-06').map((alert) => alert.count);
    await waitFor('every CAM-06 change pushed', pushedCounts, (counts) => counts.at(-1) === detections);
    expect(pushedCounts()).toEqual(Array.from({ length: detections }, (_, i) => i + 1));
  }, 600_000);

  it('quay-crane-breakdown: each crane fault raises a major alert that resolves itself when the fault clears', async () => {
    const breakdown = await run('quay-crane-breakdown');
    const faults = breakdown.truth.filter(
      (record): record is Extract<TruthRecord, { type: 'alarm' }> => record.type === 'alarm' && record.alarm === 'fault.raised',
    );
    expect(faults.map((fault) => [fault.asset, fault.t - START])).toEqual([
      ['QC-11', 5 * MINUTE],
      ['YC-08', 30 * MINUTE],
    ]);
    const alerts = await waitFor(
      'both fault alerts resolved',
      () => raisedInRun(breakdown, 'crane-fault'),
      (list) => list.length === 2 && list.every((alert) => alert.state === 'resolved'),
    );
    expect(
      alerts
        .map(({ assetId, severity, count, raisedAt, resolvedBy, detail }) => ({
          assetId,
          severity,
          count,
          raisedAt,
          resolvedBy,
          code: detail.code,
        }))
        .sort((a, b) => a.raisedAt - b.raisedAt),
    ).toEqual([
      { assetId: 'QC-11', severity: 'major', count: 1, raisedAt: START + 5 * MINUTE, resolvedBy: 'system', code: 'E-SPREADER-TWISTLOCK' },
      { assetId: 'YC-08', severity: 'major', count: 1, raisedAt: START + 30 * MINUTE, resolvedBy: 'system', code: 'E-GANTRY-DRIVE' },
    ]);
  }, 600_000);

  it('flapping-device: the camera that flaps for 10 minutes is one alert whose count is its times offline', async () => {
    const flapping = await run('flapping-device');
    const offline = flapping.truth.filter((record) => record.type === 'device' && record.asset === 'CAM-09' && record.state === 'offline');
    expect(offline.length).toBe(15);
    const alerts = await waitFor(
      'the flapping camera alert resolved',
      () => raisedInRun(flapping, 'device-offline'),
      (list) => list.length > 0 && list.every((alert) => alert.state === 'resolved'),
    );
    expect(alerts.map(({ assetId, count, raisedAt, resolvedBy }) => ({ assetId, count, raisedAt, resolvedBy }))).toEqual([
      { assetId: 'CAM-09', count: 15, raisedAt: offline[0]!.t + 10_000, resolvedBy: 'system' },
    ]);
  }, 600_000);

  it('faulty-device: malformed messages among good traffic raise nothing for the device', async () => {
    const faulty = await run('faulty-device');
    expect(faulty.truth.filter((record) => record.type === 'malformed' && record.asset === 'GL-IN-5').length).toBe(40);
    const all = await getJson<Alert[]>(`${faulty.url}/api/alerts?state=all&from=${START}&to=${faulty.endMs}`, faulty.token);
    expect(all.filter((alert) => alert.assetId === 'GL-IN-5')).toEqual([]);
  }, 600_000);
});
