import type { DeviceMessage } from '@porttwin/contracts';
import { afterEach, describe, expect, it } from 'vitest';
import type { Database } from '../database';
import { testDatabases } from '../test-databases';
import { listAssets } from './assets';
import { AssetStateFold } from './asset-state-fold';
import { listDeadLetters, listEvents, listTelemetry, readIngestProgress } from './history';
import { writeIngestBatch } from './ingest';

const engines = await testDatabases();
const T0 = Date.parse('2026-11-22T10:00:00.000Z');

function gateTelemetry(seq: number, ts: number, metrics: Record<string, number>): DeviceMessage {
  return { site: 'demo-port', kind: 'gate', assetId: 'GL-IN-1', channel: 'telemetry', ts, seq, receivedAt: ts + 5, metrics };
}

describe.each(engines)('writeIngestBatch on $name', (engine) => {
  let db: Database;
  let dispose: () => Promise<void> = async () => {};
  afterEach(() => dispose());

  async function open() {
    ({ db, dispose } = await engine.open());
  }

  it('stores a message delivered twice once', async () => {
    await open();
    const message = gateTelemetry(1, T0, { queueLength: 3, laneOpen: 1 });
    await writeIngestBatch(db, { gatewayId: 'g1', messages: [message], deadLetters: [] });
    await writeIngestBatch(db, { gatewayId: 'g1', messages: [message, message], deadLetters: [] });
    const rows = await listTelemetry(db, { from: T0 - 1, to: T0 + 1, limit: 10 });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ assetId: 'GL-IN-1', seq: 1, ts: T0, metrics: { queueLength: 3 } });
  });

  it('keeps the same seq from a restarted device at a different time', async () => {
    await open();
    await writeIngestBatch(db, {
      gatewayId: 'g1',
      messages: [gateTelemetry(1, T0, { queueLength: 1 }), gateTelemetry(1, T0 + 1000, { queueLength: 2 })],
      deadLetters: [],
    });
    expect(await listTelemetry(db, { from: T0, to: T0 + 2000, limit: 10 })).toHaveLength(2);
  });

  it('merges metrics into live state and never lets a late batch overwrite newer values', async () => {
    await open();
    await writeIngestBatch(db, { gatewayId: 'g1', messages: [gateTelemetry(2, T0 + 2000, { queueLength: 9 })], deadLetters: [] });
    await writeIngestBatch(db, { gatewayId: 'g1', messages: [gateTelemetry(1, T0, { queueLength: 4, laneOpen: 1 })], deadLetters: [] });
    const [asset] = await listAssets(db);
    expect(asset).toMatchObject({ id: 'GL-IN-1', kind: 'gate', metrics: { queueLength: 9, laneOpen: 1 }, metricsAt: T0 + 2000 });
  });

  it('dates a last will by its receipt when it was set before the newest data', async () => {
    await open();
    await writeIngestBatch(db, { gatewayId: 'g1', messages: [gateTelemetry(5, T0 + 60_000, { queueLength: 1 })], deadLetters: [] });
    const will: DeviceMessage = {
      site: 'demo-port',
      kind: 'gate',
      assetId: 'GL-IN-1',
      channel: 'status',
      ts: T0,
      receivedAt: T0 + 90_000,
      state: 'offline',
      reason: 'connection lost',
      retained: false,
    };
    await writeIngestBatch(db, { gatewayId: 'g1', messages: [will], deadLetters: [] });
    const [asset] = await listAssets(db);
    expect(asset).toMatchObject({ status: 'offline', statusAt: T0 + 90_000 });
  });

  it('stores dead letters with their reason and counts them per gateway', async () => {
    await open();
    await writeIngestBatch(db, {
      gatewayId: 'g1',
      messages: [gateTelemetry(1, T0, { queueLength: 1 })],
      deadLetters: [
        {
          receivedAt: T0,
          topic: 'porttwin/v1/demo-port/gate/GL-IN-1/telemetry',
          reason: 'payload is not JSON',
          payload: '{oops',
          payloadBytes: 5,
        },
      ],
    });
    const letters = await listDeadLetters(db, { from: T0 - 1, to: T0 + 1, limit: 10 });
    expect(letters).toEqual([expect.objectContaining({ reason: 'payload is not JSON', payload: '{oops', payloadBytes: 5 })]);
    expect(await readIngestProgress(db)).toMatchObject({ messages: 1, deadLetters: 1, batches: 1 });
  });

  it('keeps tabs, newlines and backslashes in metrics and event data intact', async () => {
    await open();
    const awkward = 'line 1\nline 2\tcol \\ "quoted" \r end';
    await writeIngestBatch(db, {
      gatewayId: 'g1',
      messages: [
        {
          site: 'demo-port',
          kind: 'gate',
          assetId: 'GL-IN-1',
          channel: 'telemetry',
          ts: T0,
          seq: 1,
          receivedAt: T0,
          metrics: { note: awkward, queueLength: 1 },
        },
        {
          site: 'demo-port',
          kind: 'camera',
          assetId: 'CAM-01',
          channel: 'event',
          ts: T0,
          seq: 2,
          receivedAt: T0,
          type: 'detection',
          data: { label: 'smoke', zone: awkward, confidence: 0.9 },
        },
      ],
      deadLetters: [],
    });
    expect((await listTelemetry(db, { from: T0, to: T0 + 1, limit: 10 }))[0]?.metrics.note).toBe(awkward);
    expect((await listEvents(db, { from: T0, to: T0 + 1, limit: 10 }, {}))[0]?.data.zone).toBe(awkward);
  });

  it('writes live state folded from earlier batches alongside a later one', async () => {
    await open();
    const fold = new AssetStateFold();
    const first = [gateTelemetry(1, T0, { queueLength: 2, laneOpen: 1 })];
    const second = [gateTelemetry(2, T0 + 1000, { queueLength: 5 })];
    await writeIngestBatch(db, { gatewayId: 'g1', messages: first, deadLetters: [], assetStates: [] });
    fold.add(first);
    fold.add(second);
    await writeIngestBatch(db, { gatewayId: 'g1', messages: second, deadLetters: [], assetStates: fold.rowsToWrite() });
    expect(await listAssets(db)).toEqual([
      expect.objectContaining({ id: 'GL-IN-1', metrics: { queueLength: 5, laneOpen: 1 }, metricsAt: T0 + 1000 }),
    ]);
  });
});
