// Each shipped scenario does to the published traffic what it says, at the time it says, and
// the ground truth records when. Runs on the default site's simulated clock, no MQTT.
import { decodeDeviceMessage } from '@porttwin/contracts';
import { describe, expect, it } from 'vitest';
import { readScenarioFile } from '../config/scenario';
import { scenarioFile } from '../scenarios';
import { DEFAULT_SITE_FILE, readSiteFile } from '../site-file';
import { runModel } from './test-run';

const layout = readSiteFile(DEFAULT_SITE_FILE);
const START = Date.UTC(2026, 10, 22, 0, 0, 0); // 08:00 local: the morning's traffic
const MIN = 60_000;
const run = (name: string, minutes: number, telemetryIntervalMs = 60_000) =>
  runModel(layout, START, minutes, { scenario: readScenarioFile(scenarioFile(name), layout), seed: 3, telemetryIntervalMs });
const statuses = (messages: ReturnType<typeof run>['messages'], assetId: string) =>
  messages
    .filter((m) => m.channel === 'status' && m.assetId === assetId)
    .map((m) => JSON.parse(m.payload) as { ts: number; state: string });

describe('scenarios', () => {
  it('scanner outage: SC-01 faults for 45 minutes and scans nothing new; SC-02 takes the work', () => {
    const { events, messages, truth } = run('scanner-outage', 70);
    expect(statuses(messages, 'SC-01').map((s) => [s.state, s.ts - START])).toEqual([
      ['online', 0],
      ['fault', 10 * MIN],
      ['online', 55 * MIN],
      ['offline', 70 * MIN],
    ]);
    const started = (id: string, from: number, to: number) =>
      events.filter((e) => e.assetId === id && e.type === 'scan.started' && e.ts >= START + from && e.ts < START + to).length;
    // The scan under way at the fault may finish; none starts until the repair.
    expect(started('SC-01', 12 * MIN, 55 * MIN)).toBe(0);
    expect(started('SC-02', 12 * MIN, 55 * MIN)).toBeGreaterThan(5);
    expect(truth.filter((r) => r.type === 'injection').map((r) => r.type === 'injection' && [r.action, r.phase, r.t - START])).toEqual([
      ['scanner.outage', 'start', 10 * MIN],
      ['scanner.outage', 'end', 55 * MIN],
    ]);
  });

  it('quay crane breakdown: QC-11 raises a fault, stops moving, and resumes once it clears', () => {
    const { events } = run('quay-crane-breakdown', 60);
    const qc = events.filter((e) => e.assetId === 'QC-11');
    const raised = qc.find((e) => e.type === 'fault.raised');
    const cleared = qc.find((e) => e.type === 'fault.cleared');
    expect(raised).toMatchObject({ ts: START + 5 * MIN, data: { code: 'E-SPREADER-TWISTLOCK', severity: 'major' } });
    expect(cleared).toMatchObject({ ts: START + 45 * MIN, data: { code: 'E-SPREADER-TWISTLOCK' } });
    expect(qc.filter((e) => e.type === 'move.completed' && e.ts > raised!.ts && e.ts < cleared!.ts)).toEqual([]);
    expect(events.some((e) => e.assetId === 'YC-08' && e.type === 'fault.raised' && e.ts === START + 30 * MIN)).toBe(true);
  });

  it('smoke in the yard: CAM-06 reports smoke every 20 s for 6 minutes, then fire', () => {
    const { events, truth } = run('yard-smoke', 20);
    const smoke = events.filter((e) => e.assetId === 'CAM-06' && e.data.label === 'smoke' && e.ts >= START + 8 * MIN);
    expect(smoke.length).toBeGreaterThanOrEqual(18);
    expect(events.some((e) => e.assetId === 'CAM-06' && e.data.label === 'fire' && e.ts === START + 14 * MIN)).toBe(true);
    expect(truth.some((r) => r.type === 'alarm' && r.alarm === 'detection.fire')).toBe(true);
  });

  it('radiation alarm: the next loaded truck through RPM-03 alarms high and is scanned', () => {
    const { events } = run('radiation-alarm', 40);
    // Portals also alarm now and then on their own; the injected one is the first after minute 3.
    const alarm = events.find((e) => e.assetId === 'RPM-03' && e.type === 'radiation.alarm' && e.ts >= START + 3 * MIN);
    expect(alarm).toMatchObject({ data: { level: 'high' } });
    expect(alarm!.ts).toBeLessThan(START + 20 * MIN);
    expect(events.some((e) => e.type === 'scan.started' && e.data.plate === alarm!.data.plate)).toBe(true);
  });

  it('lane closure: closed lanes take no new trucks and report laneOpen 0; the rest queue longer', () => {
    const { events, messages } = run('lane-closure', 70, 30_000);
    const closed = ['GL-IN-1', 'GL-IN-2', 'GL-IN-3', 'GL-IN-4', 'GL-IN-5', 'GL-IN-6', 'GL-IN-7', 'GL-IN-8'];
    const during = (e: { ts: number }) => e.ts > START + 5 * MIN && e.ts < START + 65 * MIN;
    expect(events.filter((e) => closed.includes(e.assetId) && e.type === 'truck.arrived' && during(e))).toEqual([]);
    expect(events.filter((e) => e.assetId === 'GL-IN-9' && e.type === 'truck.arrived' && during(e)).length).toBeGreaterThan(20);
    const laneOpen = messages
      .filter((m) => m.channel === 'telemetry' && m.assetId === 'GL-IN-1')
      .map((m) => JSON.parse(m.payload) as { ts: number; metrics: { laneOpen: number } })
      .filter((t) => during(t));
    expect(laneOpen.length).toBeGreaterThan(10);
    expect(laneOpen.every((t) => t.metrics.laneOpen === 0)).toBe(true);
  });

  it('lane opening: a lane closed from the start takes trucks again once opened, and says so', () => {
    const scenario = {
      name: 'late lane',
      timeline: [
        { at: 0, action: 'lane.closure' as const, asset: 'GL-IN-1' },
        { at: '0:30', action: 'lane.opening' as const, asset: 'GL-IN-1' },
      ],
    };
    const { events, messages, truth } = runModel(layout, START, 60, { scenario, seed: 3, telemetryIntervalMs: 30_000 });
    // Trucks of the run's opening minutes may already be on their way to the lane when it closes.
    const arrivals = (from: number, to: number) =>
      events.filter((e) => e.assetId === 'GL-IN-1' && e.type === 'truck.arrived' && e.ts >= START + from && e.ts < START + to);
    expect(arrivals(MIN, 30 * MIN)).toEqual([]);
    expect(arrivals(30 * MIN, 60 * MIN).length).toBeGreaterThan(5);
    const laneOpen = messages
      .filter((m) => m.channel === 'telemetry' && m.assetId === 'GL-IN-1')
      .map((m) => JSON.parse(m.payload) as { ts: number; metrics: { laneOpen: number } });
    expect(laneOpen.filter((t) => t.ts < START + 30 * MIN).every((t) => t.metrics.laneOpen === 0)).toBe(true);
    expect(laneOpen.filter((t) => t.ts > START + 30 * MIN).every((t) => t.metrics.laneOpen === 1)).toBe(true);
    expect(truth.flatMap((r) => (r.type === 'injection' ? [[r.action, r.t - START]] : []))).toEqual([
      ['lane.closure', 0],
      ['lane.opening', 30 * MIN],
    ]);
  });

  it('flapping device: CAM-09 flips offline and online and is silent while offline', () => {
    const { messages } = run('flapping-device', 15, 2000);
    const flips = statuses(messages, 'CAM-09').filter((s) => s.ts > START && s.ts < START + 12 * MIN + 1);
    expect(flips.length).toBeGreaterThanOrEqual(28);
    flips.forEach((s, i) => expect(s.state).toBe(i % 2 === 0 ? 'offline' : 'online'));
    const telemetry = messages
      .filter((m) => m.channel === 'telemetry' && m.assetId === 'CAM-09')
      .map((m) => (JSON.parse(m.payload) as { ts: number }).ts);
    for (let i = 0; i + 1 < flips.length; i += 2) {
      const [off, on] = [flips[i]!.ts, flips[i + 1]!.ts];
      expect(telemetry.filter((ts) => ts > off && ts < on)).toEqual([]);
    }
  });

  it('faulty device: GL-IN-5 sends malformed messages the contract rejects, and the ground truth lists each one', () => {
    const { messages, truth } = run('faulty-device', 25);
    const receivedAt = START + 25 * MIN;
    const rejected = messages.flatMap((m) => {
      const decoded = decodeDeviceMessage({
        topic: m.topic,
        payload: m.payload,
        payloadBytes: Buffer.byteLength(m.payload),
        receivedAt,
        retained: m.retain,
      });
      return decoded.ok ? [] : [{ assetId: m.assetId, reason: decoded.reason }];
    });
    const malformed = truth.filter((r) => r.type === 'malformed');
    expect(malformed).toHaveLength(40);
    expect(rejected).toHaveLength(malformed.length);
    expect(rejected.every((r) => r.assetId === 'GL-IN-5')).toBe(true);
    expect(new Set(malformed.map((r) => r.type === 'malformed' && r.flaw)).size).toBe(6);
  });

  it('morning peak: arrivals run at about two and a half times the rate before it', () => {
    const { events } = run('morning-peak', 95);
    const inbound = (from: number, to: number) =>
      events.filter((e) => e.type === 'truck.arrived' && e.data.direction === 'in' && e.ts >= START + from * MIN && e.ts < START + to * MIN)
        .length;
    // Per minute, the first 60 minutes of the surge against the 5 minutes before (noisy: ±40 %).
    const ratio = inbound(5, 65) / 60 / (inbound(0, 5) / 5);
    expect(ratio).toBeGreaterThan(1.5);
    expect(ratio).toBeLessThan(3.5);
  });
});
