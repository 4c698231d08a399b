// The live KPIs over a seeded quarter hour at the small port, on PGlite and (when it answers)
// the machine's PostgreSQL: every figure worked out by hand from the messages below, and the
// counts equal to what the KPI series gives for the same minutes.
import type { AssetKind, DeviceMessage, KpiTargetsFile } from '@porttwin/contracts';
import { type Database, kpiSeries, writeIngestBatch } from '@porttwin/db';
import { testDatabases } from '@porttwin/db/testing';
import { readSiteFile, SMALL_PORT_SITE_FILE } from '@porttwin/simulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kpiSite, kpiSummary, kpiWindow } from './kpi-summary';

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;
// 16:00 at the small port (UTC+8): the day shift (08:00–20:00 local, 00:00–12:00 UTC) is 8 h old.
const T = Date.parse('2026-11-22T08:00:00.000Z');
const { from: FROM, to: TO } = kpiWindow(T + 15 * MIN, 15);

const TARGETS: KpiTargetsFile = {
  site: 'demo-port',
  shifts: [
    { name: 'day', start: '08:00' },
    { name: 'night', start: '20:00' },
  ],
  targets: {
    gateWaitSec: { target: 600, better: 'lower' },
    quayMovesPerCraneHour: { target: 28, better: 'higher' },
    turnSec: { target: 600, better: 'lower' },
    yardCraneUtilisation: { target: 0.9, better: 'lower' },
  },
};

const seqs = new Map<string, number>();
function message(
  kind: AssetKind,
  assetId: string,
  ts: number,
  body: { metrics: Record<string, number> } | { type: string; data: Record<string, unknown> },
): DeviceMessage {
  const seq = (seqs.get(assetId) ?? 0) + 1;
  seqs.set(assetId, seq);
  const common = { site: 'demo-port', kind, assetId, ts, seq, receivedAt: ts };
  return 'metrics' in body ? { ...common, channel: 'telemetry', metrics: body.metrics } : { ...common, channel: 'event', ...body };
}
const telemetry = (kind: AssetKind, assetId: string, ts: number, metrics: Record<string, number>) =>
  message(kind, assetId, ts, { metrics });
const event = (kind: AssetKind, assetId: string, ts: number, type: string, data: Record<string, unknown>) =>
  message(kind, assetId, ts, { type, data });

function quarterHour(): DeviceMessage[] {
  const messages: DeviceMessage[] = [];
  for (let m = 0; m < 15; m++) {
    const minute = T + m * MIN;
    // GL-IN-1: 2 queued for 14 minutes, then 3; its booth busy in 7 of 15 samples.
    messages.push(telemetry('gate', 'GL-IN-1', minute + 5_000, { queueLength: m < 14 ? 2 : 3, laneOpen: 1, busy: m % 2 }));
    messages.push(telemetry('qc', 'QC-01', minute + 10_000, { busy: 1 }));
    messages.push(telemetry('qc', 'QC-02', minute + 10_000, { busy: 0 }));
    // SC-01 busy in 5 of 15 samples.
    messages.push(telemetry('scanner', 'SC-01', minute + 20_000, { queueLength: 1, busy: m % 3 === 0 ? 1 : 0 }));
  }
  // GL-IN-2 is closed.
  messages.push(telemetry('gate', 'GL-IN-2', T + 5_000, { queueLength: 0, laneOpen: 0, busy: 0 }));
  // Three trucks: 30 s in GL-IN-1's queue, 40 s at its booth, 10 min in the port, 30 s in
  // GL-OUT-1's queue and 20 s at its booth: a turn of 720 s, all inside the window.
  for (const [i, plate] of ['粤B10001', '粤B10002', '粤B10003'].entries()) {
    const arrived = T + 30_000 + i * MIN;
    messages.push(event('gate', 'GL-IN-1', arrived, 'truck.arrived', { plate, direction: 'in', containers: [] }));
    messages.push(event('gate', 'GL-IN-1', arrived + 70_000, 'truck.admitted', { plate, processingSec: 40 }));
    messages.push(event('gate', 'GL-OUT-1', arrived + 670_000, 'truck.arrived', { plate, direction: 'out', containers: [] }));
    messages.push(event('gate', 'GL-OUT-1', arrived + 720_000, 'truck.admitted', { plate, processingSec: 20 }));
  }
  // A ship at B1 since 5 minutes before the window, with a plan of 12 moves; QC-01 made one
  // move before the window and six in it.
  messages.push(event('vessel', 'V-1', T - 5 * MIN, 'berth.arrived', { berth: 'B1', voyage: 'V1-001', plannedMoves: 12 }));
  messages.push(event('qc', 'QC-01', T - 2 * MIN, 'move.completed', { container: 'MSKU0000001', kind: 'discharge', cycleSec: 110 }));
  for (let i = 1; i <= 6; i++)
    messages.push(event('qc', 'QC-01', T + i * MIN, 'move.completed', { container: `MSKU000010${i}`, kind: 'discharge', cycleSec: 110 }));
  // A ship that sailed from B2 six minutes into the window.
  messages.push(event('vessel', 'V-2', T - 2 * HOUR, 'berth.arrived', { berth: 'B2', voyage: 'V2-001' }));
  messages.push(event('vessel', 'V-2', T + 6 * MIN, 'berth.departed', { berth: 'B2', voyage: 'V2-001' }));
  // Two scans, one suspect.
  messages.push(
    event('scanner', 'SC-01', T + 4 * MIN, 'scan.completed', { plate: '粤Z90001', container: 'C1', durationSec: 60, verdict: 'clear' }),
  );
  messages.push(
    event('scanner', 'SC-01', T + 9 * MIN, 'scan.completed', { plate: '粤Z90002', container: 'C2', durationSec: 60, verdict: 'suspect' }),
  );
  // Yesterday's same part of the day shift: two quay moves and one admitted truck.
  messages.push(event('qc', 'QC-01', T - DAY + MIN, 'move.completed', { container: 'MSKU0000091', kind: 'load', cycleSec: 100 }));
  messages.push(event('qc', 'QC-01', T - DAY + 2 * MIN, 'move.completed', { container: 'MSKU0000092', kind: 'load', cycleSec: 100 }));
  messages.push(event('gate', 'GL-IN-1', T - DAY + 5 * MIN, 'truck.admitted', { plate: '粤B20001', processingSec: 40 }));
  return messages.sort((a, b) => a.ts - b.ts);
}

const engines = await testDatabases();
const site = kpiSite(readSiteFile(SMALL_PORT_SITE_FILE), TARGETS);

describe.each(engines)('the live KPIs of a quarter hour on $name', (engine) => {
  let db: Database;
  let dispose: () => Promise<void> = async () => {};
  beforeAll(async () => {
    ({ db, dispose } = await engine.open());
    await writeIngestBatch(db, { gatewayId: 'g1', messages: quarterHour(), deadLetters: [] });
  });
  afterAll(() => dispose());

  it('gives each lane its rate, queue, wait and busy share', async () => {
    const kpis = await kpiSummary(db, site, FROM, TO);
    expect(kpis).toMatchObject({ from: T, at: T + 15 * MIN, windowMinutes: 15 });
    expect(kpis.gateLanes).toEqual([
      {
        assetId: 'GL-IN-1',
        direction: 'in',
        open: true,
        trucksPerHour: 12,
        queueLength: 3,
        queueAvg: (14 * 2 + 3) / 15,
        waitSec: 30,
        waits: 3,
        utilisation: 7 / 15,
      },
      {
        assetId: 'GL-IN-2',
        direction: 'in',
        open: false,
        trucksPerHour: 0,
        queueLength: 0,
        queueAvg: 0,
        waitSec: null,
        waits: 0,
        utilisation: 0,
      },
      {
        assetId: 'GL-OUT-1',
        direction: 'out',
        open: null,
        trucksPerHour: 12,
        queueLength: null,
        queueAvg: null,
        waitSec: 30,
        waits: 3,
        utilisation: null,
      },
    ]);
  });

  it('gives scanners, cranes and berths, with the ship alongside and its progress', async () => {
    const kpis = await kpiSummary(db, site, FROM, TO);
    expect(kpis.scanners).toEqual([{ assetId: 'SC-01', scansPerHour: 8, queueAvg: 1, waitSec: null, utilisation: 5 / 15 }]);
    expect(kpis.quayCranes).toEqual([
      { assetId: 'QC-01', movesPerHour: 24, utilisation: 1 },
      { assetId: 'QC-02', movesPerHour: 0, utilisation: 0 },
    ]);
    expect(kpis.berths).toEqual([
      {
        berth: 'B1',
        utilisation: 1,
        vessel: { assetId: 'V-1', voyage: 'V1-001', arrivedAt: T - 5 * MIN, movesDone: 7, movesPlanned: 12, progress: 7 / 12 },
      },
      { berth: 'B2', utilisation: 6 / 15, vessel: null },
    ]);
  });

  it('sums the site and holds it against the targets file', async () => {
    const kpis = await kpiSummary(db, site, FROM, TO);
    expect(kpis.site).toEqual({
      trucksPerHour: 24,
      gateQueue: 3,
      gateWaitSec: 30,
      turnSec: 720,
      quayMovesPerHour: 24,
      quayMovesPerCraneHour: 24,
      yardMovesPerHour: 0,
      scansPerHour: 8,
      suspectRate: 0.5,
      laneUtilisation: 7 / 15,
      scannerUtilisation: 5 / 15,
      quayCraneUtilisation: 0.5,
      yardCraneUtilisation: null,
      berthUtilisation: (1 + 6 / 15) / 2,
    });
    expect(kpis.targets).toEqual([
      { kpi: 'gateWaitSec', value: 30, target: 600, better: 'lower', met: true },
      { kpi: 'quayMovesPerCraneHour', value: 24, target: 28, better: 'higher', met: false },
      { kpi: 'turnSec', value: 720, target: 600, better: 'lower', met: false },
      { kpi: 'yardCraneUtilisation', value: null, target: 0.9, better: 'lower', met: null },
    ]);
  });

  it('compares this shift so far with the same hours of the same shift yesterday', async () => {
    const { shift } = await kpiSummary(db, site, FROM, TO);
    const shiftStart = Date.parse('2026-11-22T00:00:00.000Z');
    expect(shift).toEqual({
      name: 'day',
      start: shiftStart,
      end: shiftStart + 12 * HOUR,
      current: { from: shiftStart, to: TO, trucksAdmitted: 6, quayMoves: 7, yardMoves: 0, scans: 2, gateWaitSec: 30, turnSec: 720 },
      yesterday: {
        from: shiftStart - DAY,
        to: TO - DAY,
        trucksAdmitted: 1,
        quayMoves: 2,
        yardMoves: 0,
        scans: 0,
        gateWaitSec: null,
        turnSec: null,
      },
    });
  });

  it('counts what the KPI series gives for the same minutes', async () => {
    const kpis = await kpiSummary(db, site, FROM, TO);
    const series = await kpiSeries(db, { from: FROM, to: TO, bucket: 'minute' });
    const admitted = (assetId: string) =>
      series.flatMap((bucket) => bucket.assets).reduce((sum, asset) => sum + (asset.assetId === assetId ? asset.trucksAdmitted : 0), 0);
    for (const lane of kpis.gateLanes) expect(lane.trucksPerHour * (15 / 60)).toBe(admitted(lane.assetId));
    const quayMoves = series.reduce((sum, bucket) => sum + bucket.site.quayMoves, 0);
    expect(kpis.site.quayMovesPerHour * (15 / 60)).toBe(quayMoves);
  });
});
