// The long-run averages of what the simulator publishes match its configuration: a day of the
// realistic site on the simulated clock, measured only from the published events (what the
// twin sees), compared with the flow it was given. Tolerances are stated beside each check.
import { describe, expect, it } from 'vitest';
import { meanOf } from '../config/distribution';
import { DEFAULT_FLOW, mergeFlow } from '../config/flow-config';
import { DEFAULT_SITE_FILE, readSiteFile, SMALL_PORT_SITE_FILE } from '../site-file';
import { runModel } from './test-run';

const layout = readSiteFile(DEFAULT_SITE_FILE);
// Midnight local time (UTC+8), so the day covers each profile hour once.
const START = Date.UTC(2026, 10, 21, 16, 0, 0);
const HOURS = 24;
// Exercises all three distribution kinds and shares large enough to measure in a day.
const flow = mergeFlow(DEFAULT_FLOW, {
  trucks: { arrivalsPerHour: 200 },
  gate: { outServiceSec: { kind: 'fixed', value: 20 } },
  inspection: { share: 0.3, suspectShare: 0.1, scanSec: { kind: 'exponential', mean: 60, max: 1200 } },
});
const mean = (values: number[]): number => values.reduce((sum, v) => sum + v, 0) / values.length;

describe('a simulated day matches its configuration', () => {
  const { events, truth, model, messages } = runModel(layout, START, HOURS * 60, { flow, seed: 11, telemetryIntervalMs: 300_000 });
  const inbound = events.filter((e) => e.type === 'truck.arrived' && e.data.direction === 'in');
  const admittedIn = new Map(
    events.filter((e) => e.type === 'truck.admitted' && e.assetId.startsWith('GL-IN')).map((e) => [e.data.plate as string, e]),
  );

  it('arrives at the configured daily rate (±5 %; 1 sd of a Poisson count here is 1.4 %)', () => {
    const expected = flow.trucks.arrivalsPerHour * HOURS;
    expect(model.stats().trucksTurnedAway).toBe(0);
    expect(Math.abs(inbound.length / expected - 1)).toBeLessThan(0.05);
  });

  it('follows the hourly profile: the 08:00–11:00 peak over the 01:00–04:00 trough (±15 %)', () => {
    const localHour = (ts: number) => new Date(ts + 8 * 3_600_000).getUTCHours();
    const count = (hours: number[]) => inbound.filter((e) => hours.includes(localHour(e.ts))).length;
    const profile = flow.trucks.hourlyProfile;
    const expectedRatio = (profile[8]! + profile[9]! + profile[10]!) / (profile[1]! + profile[2]! + profile[3]!);
    expect(Math.abs(count([8, 9, 10]) / count([1, 2, 3]) / expectedRatio - 1)).toBeLessThan(0.15);
  });

  it('processes inbound trucks in the configured lognormal time, outbound in the fixed one (±3 %)', () => {
    const processing = (lanes: string) =>
      events.filter((e) => e.type === 'truck.admitted' && e.assetId.startsWith(lanes)).map((e) => e.data.processingSec as number);
    expect(Math.abs(mean(processing('GL-IN')) / meanOf(flow.gate.inServiceSec) - 1)).toBeLessThan(0.03);
    expect(Math.abs(mean(processing('GL-OUT')) / 20 - 1)).toBeLessThan(0.01);
  });

  it('scans for the configured exponential time (±8 %) and finds the configured suspect share (±25 %)', () => {
    const scans = events.filter((e) => e.type === 'scan.completed');
    expect(Math.abs(mean(scans.map((e) => e.data.durationSec as number)) / 60 - 1)).toBeLessThan(0.08);
    const suspect = scans.filter((e) => e.data.verdict === 'suspect').length / scans.length;
    expect(Math.abs(suspect / flow.inspection.suspectShare - 1)).toBeLessThan(0.25);
  });

  it('sends the configured share of loaded trucks to inspection (±10 %)', () => {
    const loaded = inbound.filter((e) => (e.data.containers as string[]).length > 0 && admittedIn.has(e.data.plate as string));
    // Radiation alarms send trucks to the scanner too; they are not the risk engine's picks.
    const alarmed = new Set(events.filter((e) => e.type === 'radiation.alarm').map((e) => e.data.plate as string));
    const scanned = new Set(events.filter((e) => e.type === 'scan.started').map((e) => e.data.plate as string));
    const picked = loaded.filter((e) => scanned.has(e.data.plate as string) && !alarmed.has(e.data.plate as string)).length;
    expect(Math.abs(picked / loaded.length / flow.inspection.share - 1)).toBeLessThan(0.1);
  });

  it('works ships at the configured quay crane rate while working (±5 % of 3600 / mean cycle)', () => {
    const expected = 3600 / meanOf(flow.quay.craneCycleSec);
    const rates: number[] = [];
    const byCrane = new Map<string, typeof events>();
    for (const e of events)
      if (e.kind === 'qc' && e.type === 'move.completed') byCrane.set(e.assetId, [...(byCrane.get(e.assetId) ?? []), e]);
    for (const moves of byCrane.values()) {
      // A working streak: consecutive moves less than 10 minutes apart (longer gaps: no ship).
      let streak = [moves[0]!.ts];
      const close = () => streak.length > 20 && rates.push(((streak.length - 1) * 3_600_000) / (streak.at(-1)! - streak[0]!));
      for (const move of moves.slice(1)) {
        if (move.ts - streak.at(-1)! > 600_000) (close(), (streak = []));
        streak.push(move.ts);
      }
      close();
    }
    expect(rates.length).toBeGreaterThanOrEqual(6);
    expect(Math.abs(mean(rates) / expected - 1)).toBeLessThan(0.05);
    for (const rate of rates) (expect(rate).toBeGreaterThan(25), expect(rate).toBeLessThan(35));
  });

  it('keeps every yard crane cycling at its configured rate (±5 %)', () => {
    const moves = events.filter((e) => e.kind === 'yc' && e.type === 'move.completed').length;
    const perCraneHour = moves / (24 * HOURS);
    expect(Math.abs(perCraneHour / (3600 / meanOf(flow.yard.craneCycleSec)) - 1)).toBeLessThan(0.05);
  });

  it('records each visit in the ground truth with its stages in order', () => {
    const visits = truth.filter((r) => r.type === 'truck' && r.outcome !== 'balked');
    const departed = events.filter((e) => e.type === 'truck.admitted' && e.assetId.startsWith('GL-OUT')).length;
    // Trucks through the out gate but still driving off when the run ends are not yet visits.
    const released = visits.filter((r) => r.type === 'truck' && r.outcome === 'released').length;
    expect(released).toBeLessThanOrEqual(departed);
    expect(released).toBeGreaterThanOrEqual(departed - 5);
    for (const visit of visits) {
      if (visit.type !== 'truck') continue;
      const s = visit.stages;
      const order = [
        s.arrived,
        s.portalStart,
        s.portalEnd,
        s.gateStart,
        s.gateEnd,
        s.scanQueued,
        s.scanStart,
        s.scanEnd,
        s.yardArrived,
        s.yardDone,
        s.outQueued,
        s.outGateStart,
        s.outGateEnd,
        s.departed,
      ].filter((t) => t !== undefined);
      expect(order).toEqual([...order].sort((a, b) => a - b));
    }
  });
});

describe('the published queue agrees with the ground truth', () => {
  // A busy small port (two inbound lanes near capacity), so queues are long enough to measure.
  const small = readSiteFile(SMALL_PORT_SITE_FILE);
  const busy = mergeFlow(DEFAULT_FLOW, { trucks: { arrivalsPerHour: 110, hourlyProfile: Array(24).fill(1) } });
  const hours = 8;
  const { truth, messages } = runModel(small, START, hours * 60, { flow: busy, seed: 5, telemetryIntervalMs: 10_000 });

  it('averages what truly was, sampled every 10 s (±10 %)', () => {
    const lanes = small.assets.filter((a) => a.kind === 'gate' && a.direction === 'in').map((a) => a.id);
    // Time-weighted mean of the true queue, all inbound lanes together.
    let area = 0;
    const current = new Map<string, { queue: number; since: number }>();
    for (const record of truth) {
      if (record.type !== 'queue' || !lanes.includes(record.asset)) continue;
      const before = current.get(record.asset);
      if (before) area += before.queue * (record.t - before.since);
      current.set(record.asset, { queue: record.queue, since: record.t });
    }
    for (const { queue, since } of current.values()) area += queue * (START + hours * 3_600_000 - since);
    const trueMean = area / (hours * 3_600_000);
    const samples = messages
      .filter((m) => m.channel === 'telemetry' && lanes.includes(m.assetId))
      .map((m) => (JSON.parse(m.payload) as { metrics: { queueLength: number } }).metrics.queueLength);
    expect(trueMean).toBeGreaterThan(0.5);
    expect(Math.abs((mean(samples) * lanes.length) / trueMean - 1)).toBeLessThan(0.1);
  });
});
