// Journeys built from real stored events as ingest writes them, on PGlite and PostgreSQL:
// in order, out of order, delivered twice, across a restart, and for rejected, balked and
// returning trucks.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AssetKind, DeviceMessage } from '@porttwin/contracts';
import { afterEach, describe, expect, it } from 'vitest';
import type { Database } from '../database';
import { openDatabase } from '../open-database';
import { createScratchDatabase, postgresReachable } from '../test-databases';
import { writeIngestBatch } from './ingest';
import { listJourneys } from './journeys';

const T0 = Date.parse('2026-11-22T08:00:00.000Z');
const PLATE = '粤B12345';
const s = (sec: number) => T0 + sec * 1000;

let seq = 0;
function event(kind: AssetKind, assetId: string, ts: number, type: string, data: Record<string, unknown>): DeviceMessage {
  seq += 1;
  return { site: 'demo-port', kind, assetId, channel: 'event', ts, seq, receivedAt: ts + 20, type, data };
}

/** One inspected truck's visit, as the devices report it, in the order they happen. */
function inspectedVisit(plate: string, at: number): DeviceMessage[] {
  const t = (sec: number) => at + sec * 1000;
  return [
    event('gate', 'GL-IN-1', t(0), 'truck.arrived', { plate, direction: 'in', containers: ['MSKU1234565'] }),
    event('rpm', 'RPM-01', t(30), 'occupancy.started', { plate, lane: 'GL-IN-1' }),
    event('rpm', 'RPM-01', t(36.5), 'occupancy.ended', { plate, lane: 'GL-IN-1', occupiedSec: 6.5 }),
    event('gate', 'GL-IN-1', t(80), 'truck.admitted', { plate, processingSec: 40 }),
    event('scanner', 'SC-01', t(140), 'scan.queued', { plate, container: 'MSKU1234565' }),
    event('scanner', 'SC-01', t(200), 'scan.started', { plate, container: 'MSKU1234565' }),
    event('scanner', 'SC-01', t(290), 'scan.completed', { plate, container: 'MSKU1234565', durationSec: 90, verdict: 'clear' }),
    event('truck', 'TRK-001', t(400), 'yard.entered', { plate, block: 'YB-A1' }),
    event('truck', 'TRK-001', t(1000), 'yard.left', { plate, block: 'YB-A1' }),
    event('gate', 'GL-OUT-1', t(1100), 'truck.arrived', { plate, direction: 'out', containers: [] }),
    event('gate', 'GL-OUT-1', t(1150), 'truck.admitted', { plate, processingSec: 25.5 }),
  ];
}

const INSPECTED_JOURNEY = {
  plate: PLATE,
  arrivedAt: s(0),
  inLane: 'GL-IN-1',
  outLane: 'GL-OUT-1',
  outcome: 'released',
  inspected: true,
  scanner: 'SC-01',
  verdict: 'clear',
  turnSec: 1150,
  stages: {
    arrived: s(0),
    portalStart: s(30),
    portalEnd: s(36.5),
    gateStart: s(40),
    gateEnd: s(80),
    scanQueued: s(140),
    scanStart: s(200),
    scanEnd: s(290),
    yardArrived: s(400),
    yardDone: s(1000),
    outQueued: s(1100),
    outGateStart: s(1124.5),
    outGateEnd: s(1150),
    departed: s(1150),
  },
};

interface Engine {
  name: string;
  /** Opens the engine's database; `reopen` opens the same storage again, as a restarted console would. */
  open(): Promise<{ db: Database; reopen(): Promise<Database>; dispose(): Promise<void> }>;
}

const engines: Engine[] = [
  {
    name: 'pglite',
    open: async () => {
      const dataDir = mkdtempSync(join(tmpdir(), 'porttwin-journeys-'));
      return {
        db: await openDatabase({ dataDir }),
        reopen: () => openDatabase({ dataDir }),
        dispose: async () => rmSync(dataDir, { recursive: true, force: true }),
      };
    },
  },
];
if (await postgresReachable()) {
  engines.push({
    name: 'postgres',
    open: async () => {
      const scratch = await createScratchDatabase();
      return { db: await openDatabase({ url: scratch.url }), reopen: () => openDatabase({ url: scratch.url }), dispose: scratch.drop };
    },
  });
}

describe.each(engines)('journeys built at ingest on $name', (engine) => {
  let db: Database;
  let reopen: () => Promise<Database>;
  let dispose: () => Promise<void> = async () => {};
  afterEach(async () => {
    await db.close();
    await dispose();
  });

  async function open(): Promise<void> {
    ({ db, reopen, dispose } = await engine.open());
  }
  const ingest = (messages: DeviceMessage[]) => writeIngestBatch(db, { gatewayId: 'g1', messages, deadLetters: [] });
  const journeys = () => listJourneys(db, { from: T0 - 3_600_000, to: T0 + 86_400_000, limit: 100 });

  it('follows a truck through every stage as its events arrive one batch at a time', async () => {
    await open();
    const visit = inspectedVisit(PLATE, T0);
    await ingest(visit.slice(0, 4));
    expect(await journeys()).toEqual([
      {
        ...INSPECTED_JOURNEY,
        outLane: null,
        outcome: 'on site',
        inspected: false,
        scanner: null,
        verdict: null,
        turnSec: null,
        stages: {
          ...INSPECTED_JOURNEY.stages,
          ...nullStages(
            'scanQueued',
            'scanStart',
            'scanEnd',
            'yardArrived',
            'yardDone',
            'outQueued',
            'outGateStart',
            'outGateEnd',
            'departed',
          ),
        },
      },
    ]);
    for (const message of visit.slice(4)) await ingest([message]);
    expect(await journeys()).toEqual([INSPECTED_JOURNEY]);
  });

  it('builds the same journey from events in reverse order, the arrival last', async () => {
    await open();
    for (const message of inspectedVisit(PLATE, T0).reverse()) await ingest([message]);
    expect(await journeys()).toEqual([INSPECTED_JOURNEY]);
  });

  it('builds one journey from events delivered twice, in one batch and across batches', async () => {
    await open();
    const visit = inspectedVisit(PLATE, T0);
    await ingest([...visit.slice(0, 6), ...visit.slice(0, 6)]);
    await ingest(visit);
    await ingest(visit.slice(3));
    expect(await journeys()).toEqual([INSPECTED_JOURNEY]);
  });

  it('takes the earliest report of a stage when a device reports it twice', async () => {
    await open();
    const visit = inspectedVisit(PLATE, T0);
    await ingest(visit);
    await ingest([event('scanner', 'SC-01', s(150), 'scan.queued', { plate: PLATE, container: 'MSKU1234565' })]);
    await ingest([event('scanner', 'SC-01', s(120), 'scan.queued', { plate: PLATE, container: 'MSKU1234565' })]);
    const [journey] = await journeys();
    expect(journey?.stages.scanQueued).toBe(s(120));
  });

  it('goes on with a journey after a restart, from what the database holds', async () => {
    await open();
    const visit = inspectedVisit(PLATE, T0);
    await ingest(visit.slice(0, 5));
    await db.close();
    db = await reopen();
    await ingest(visit.slice(5));
    expect(await journeys()).toEqual([INSPECTED_JOURNEY]);
  });

  it('ends a rejected truck at the booth and a balked one where it turned away', async () => {
    await open();
    await ingest([
      event('gate', 'GL-IN-2', s(0), 'truck.arrived', { plate: '湘A67890', direction: 'in', containers: [] }),
      event('gate', 'GL-IN-2', s(50), 'truck.rejected', { plate: '湘A67890', reason: 'customs hold', processingSec: 45 }),
      event('gate', 'GL-IN-1', s(10), 'truck.balked', { plate: '桂C55555', reason: 'queue full' }),
    ]);
    const all = await journeys();
    expect(all).toEqual([
      {
        plate: '湘A67890',
        arrivedAt: s(0),
        inLane: 'GL-IN-2',
        outLane: null,
        outcome: 'rejected',
        inspected: false,
        scanner: null,
        verdict: null,
        turnSec: 50,
        stages: { ...nullStages(...STAGES), arrived: s(0), gateStart: s(5), gateEnd: s(50), departed: s(50) },
      },
      {
        plate: '桂C55555',
        arrivedAt: s(10),
        inLane: 'GL-IN-1',
        outLane: null,
        outcome: 'balked',
        inspected: false,
        scanner: null,
        verdict: null,
        turnSec: 0,
        stages: { ...nullStages(...STAGES), arrived: s(10), departed: s(10) },
      },
    ]);
    expect(await listJourneys(db, { from: T0, to: s(3600), limit: 10, outcome: 'rejected' })).toHaveLength(1);
    expect(await listJourneys(db, { from: T0, to: s(3600), limit: 10, lane: 'GL-IN-1' })).toHaveLength(1);
  });

  it('keeps two visits of a truck that comes back the same day apart', async () => {
    await open();
    const later = T0 + 3 * 3_600_000;
    await ingest(inspectedVisit(PLATE, later));
    await ingest(inspectedVisit(PLATE, T0));
    const both = await journeys();
    expect(both.map((j) => [j.arrivedAt, j.outcome, j.turnSec])).toEqual([
      [T0, 'released', 1150],
      [later, 'released', 1150],
    ]);
    expect(await listJourneys(db, { from: T0, to: s(3600), limit: 10, plate: PLATE })).toEqual([INSPECTED_JOURNEY]);
  });
});

const STAGES = Object.keys(INSPECTED_JOURNEY.stages);
function nullStages(...names: string[]): Record<string, null> {
  return Object.fromEntries(names.map((name) => [name, null]));
}
