// Plate retention in the database (issue 8, part 6): plates older than the cut-off are masked
// in events, tracker telemetry and live state, in bounded batches, idempotently; younger ones
// stay, and no row is lost, so past counts stay true. On PGlite and on PostgreSQL.
import type { DeviceMessage } from '@porttwin/contracts';
import { afterEach, describe, expect, it } from 'vitest';
import type { Database } from '../database';
import { testDatabases } from '../test-databases';
import { listEvents, listTelemetry } from './history';
import { writeIngestBatch } from './ingest';
import { listJourneys } from './journeys';
import { FIND_EXPIRED_PLATES, maskExpiredPlates, PLATE_TABLES, type PlateTable } from './plate-retention';

const engines = await testDatabases();
const DAY = 86_400_000;
const NOW = Date.now();
const CUTOFF = NOW - 90 * DAY;
const SITE = 'demo-port';

/** Gate events and tracker telemetry, half before the cut-off and half after. */
function messages(): DeviceMessage[] {
  const list: DeviceMessage[] = [];
  for (let i = 0; i < 5; i++) {
    for (const [age, plate] of [
      [120 * DAY, `粤B1234${i}`],
      [10 * DAY, `湘A5678${i}`],
    ] as const) {
      const ts = NOW - age + i * 1000;
      const event = { site: SITE, kind: 'gate', assetId: 'GL-IN-1', channel: 'event', seq: list.length, receivedAt: ts + 40 };
      list.push({ ...event, ts, type: 'truck.arrived', data: { plate, direction: 'in', containers: [] } } as DeviceMessage);
    }
  }
  // Trackers: TRK-01 last heard before the cut-off, TRK-02 after.
  list.push({
    site: SITE,
    kind: 'truck',
    assetId: 'TRK-01',
    channel: 'telemetry',
    ts: NOW - 100 * DAY,
    seq: 1,
    receivedAt: NOW - 100 * DAY,
    metrics: { x: 1, y: 2, plate: '粤C99881' },
  });
  list.push({
    site: SITE,
    kind: 'truck',
    assetId: 'TRK-02',
    channel: 'telemetry',
    ts: NOW - 100 * DAY,
    seq: 1,
    receivedAt: NOW - 100 * DAY,
    metrics: { x: 1, y: 2, plate: '粤D77661' },
  });
  list.push({
    site: SITE,
    kind: 'truck',
    assetId: 'TRK-02',
    channel: 'telemetry',
    ts: NOW - DAY,
    seq: 2,
    receivedAt: NOW - DAY,
    metrics: { x: 3, y: 4, plate: '粤D77662' },
  });
  // A plate that is no text (an unlisted event type) is no plate: left alone, never found again.
  list.push({
    site: SITE,
    kind: 'gate',
    assetId: 'GL-IN-1',
    channel: 'event',
    ts: NOW - 200 * DAY,
    seq: 99,
    receivedAt: NOW - 200 * DAY,
    type: 'lane.note',
    data: { plate: 12345 },
  });
  return list;
}

/** Runs the job's loop over every table with a small batch; returns how many batches each took. */
async function maskAll(db: Database, batch: number): Promise<Record<PlateTable, number[]>> {
  const found = { events: [], telemetry: [], assets: [], journeys: [], journey_marks: [] } as Record<PlateTable, number[]>;
  for (const table of PLATE_TABLES) {
    for (;;) {
      const n = await maskExpiredPlates(db, table, CUTOFF, batch);
      found[table].push(n);
      if (n < batch) break;
    }
  }
  return found;
}

const allTime = { from: NOW - 400 * DAY, to: NOW + DAY, limit: 10_000 };

describe.each(engines)('plate retention on $name', (engine) => {
  let db: Database;
  let dispose: () => Promise<void> = async () => {};
  afterEach(() => dispose());

  it('masks plates older than the cut-off in bounded batches, keeps younger ones and every row', async () => {
    ({ db, dispose } = await engine.open());
    await writeIngestBatch(db, { gatewayId: 'g1', messages: messages(), deadLetters: [] });
    const eventsBefore = await listEvents(db, allTime, {});

    // Each old arrival is also a journey (masked) and a journey mark (deleted).
    expect(await maskAll(db, 2)).toEqual({
      events: [2, 2, 1],
      telemetry: [2, 0],
      assets: [1],
      journeys: [2, 2, 1],
      journey_marks: [2, 2, 1],
    });

    const events = await listEvents(db, allTime, {});
    expect(events.map((row) => [row.assetId, row.seq, row.type])).toEqual(eventsBefore.map((row) => [row.assetId, row.seq, row.type]));
    expect(events.filter((row) => row.type === 'truck.arrived').map((row) => row.data.plate)).toEqual([
      '粤B1***0',
      '粤B1***1',
      '粤B1***2',
      '粤B1***3',
      '粤B1***4',
      '湘A56780',
      '湘A56781',
      '湘A56782',
      '湘A56783',
      '湘A56784',
    ]);
    expect(events.find((row) => row.type === 'lane.note')?.data).toEqual({ plate: 12345 });
    expect(events[1]?.data).toEqual({ plate: '粤B1***0', direction: 'in', containers: [] });

    const telemetry = await listTelemetry(db, allTime);
    expect(telemetry.map((row) => [row.assetId, row.metrics])).toEqual([
      ['TRK-01', { x: 1, y: 2, plate: '粤C9***1' }],
      ['TRK-02', { x: 1, y: 2, plate: '粤D7***1' }],
      ['TRK-02', { x: 3, y: 4, plate: '粤D77662' }],
    ]);
    const { rows: assets } = await db.query<{ asset_id: string; plate: string }>(
      `SELECT asset_id, metrics ->> 'plate' AS plate FROM assets WHERE kind = 'truck' ORDER BY asset_id`,
    );
    expect(assets).toEqual([
      { asset_id: 'TRK-01', plate: '粤C9***1' },
      { asset_id: 'TRK-02', plate: '粤D77662' },
    ]);
    const journeys = await listJourneys(db, allTime);
    expect(journeys.map((j) => j.plate)).toEqual([
      ...['粤B1***0', '粤B1***1', '粤B1***2', '粤B1***3', '粤B1***4'],
      ...['湘A56780', '湘A56781', '湘A56782', '湘A56783', '湘A56784'],
    ]);
    const { rows: marks } = await db.query<{ plate: string }>('SELECT plate FROM journey_marks ORDER BY ts');
    expect(marks.map((m) => m.plate)).toEqual(['湘A56780', '湘A56781', '湘A56782', '湘A56783', '湘A56784']);
  });

  it('finds nothing the second time: masked plates stay as they are', async () => {
    ({ db, dispose } = await engine.open());
    await writeIngestBatch(db, { gatewayId: 'g1', messages: messages(), deadLetters: [] });
    await maskAll(db, 100);
    const events = await listEvents(db, allTime, {});
    expect(await maskAll(db, 100)).toEqual({ events: [0], telemetry: [0], assets: [0], journeys: [0], journey_marks: [0] });
    expect(await listEvents(db, allTime, {})).toEqual(events);
  });

  it('finds each batch through the partial index of plates in the clear (migration 010)', async () => {
    ({ db, dispose } = await engine.open());
    for (const [table, index] of [
      ['events', 'events_plate_in_clear'],
      ['telemetry', 'telemetry_plate_in_clear'],
      ['journeys', 'journeys_plate_in_clear'],
    ] as const) {
      const plan = await db.transaction(async (tx) => {
        // With a handful of rows the planner would rather scan; the question is whether it can use the index.
        await tx.query('SET LOCAL enable_seqscan = off');
        const sql = FIND_EXPIRED_PLATES[table].replace('$1', String(CUTOFF)).replace('$2', '500');
        return (await tx.query<{ 'QUERY PLAN': string }>(`EXPLAIN ${sql}`)).rows.map((row) => row['QUERY PLAN']).join('\n');
      });
      expect({ table, usesIndex: plan.includes(index) }).toEqual({ table, usesIndex: true });
    }
  });
});
