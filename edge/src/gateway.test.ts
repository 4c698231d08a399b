import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Database, listDeadLetters, listEvents, listTelemetry, openDatabase } from '@porttwin/db';
import mqtt, { type MqttClient } from 'mqtt';
import pino from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type RunningGateway, startGateway } from './gateway';
import { startTestBroker as startBroker } from './test-broker';
import { until } from './test-wait';

const silent = pino({ level: 'silent' });

/** A real database whose writes can be held back, to watch what happens meanwhile. */
function withWriteGate(db: Database) {
  let open: () => void = () => {};
  let gate: Promise<void> | null = null;
  const log: string[] = [];
  return {
    db: {
      ...db,
      transaction: async (fn) => {
        if (gate) log.push('write held');
        await gate;
        const result = await db.transaction(fn);
        log.push('committed');
        return result;
      },
    } as Database,
    /** What happened to writes, in order ('write held', 'committed'); callers may add their own. */
    log,
    close: () => {
      gate = new Promise((resolve) => {
        open = resolve;
      });
    },
    open: () => {
      gate = null;
      open();
    },
  };
}

const telemetry = (seq: number, queueLength: number) => JSON.stringify({ ts: Date.now(), seq, metrics: { queueLength, laneOpen: 1 } });
const TOPIC = 'porttwin/v1/demo-port/gate/GL-IN-1/telemetry';

describe('edge gateway', () => {
  let broker: Awaited<ReturnType<typeof startBroker>>;
  let db: Database;
  let device: MqttClient;
  let gateway: RunningGateway | null = null;

  beforeEach(async () => {
    broker = await startBroker();
    db = await openDatabase();
    device = await mqtt.connectAsync(broker.url, { clientId: 'device-GL-IN-1' });
  });
  afterEach(async () => {
    await device.endAsync();
    await gateway?.stop();
    gateway = null;
    await broker.close();
    await db.close();
  });

  it('stores valid messages and dead-letters the broken one between them', async () => {
    gateway = await startGateway({ protocolVersion: 4, mqttUrl: broker.url, db, gatewayId: 'edge-test', log: silent });
    await device.publishAsync(TOPIC, telemetry(1, 3), { qos: 1 });
    await device.publishAsync(TOPIC, '{"ts": "not a time", "seq": 2, "metrics": {}}', { qos: 1 });
    await device.publishAsync('porttwin/v1/demo-port/gate/GL-IN-1/gossip', telemetry(3, 5), { qos: 1 });
    await device.publishAsync(TOPIC, telemetry(4, 4), { qos: 1 });
    const range = { from: 0, to: Date.now() + 60_000, limit: 100 };
    await until(async () => (await listTelemetry(db, range)).length === 2 && (await listDeadLetters(db, range)).length === 2);
    expect((await listTelemetry(db, range)).map((row) => row.seq)).toEqual([1, 4]);
    const letters = await listDeadLetters(db, range);
    expect(letters.map((letter) => letter.reason)).toEqual([
      expect.stringMatching(/^telemetry: ts/),
      expect.stringMatching(/channel "gossip"/),
    ]);
    expect(letters[0]?.payload).toContain('not a time');
    expect(gateway.stats()).toMatchObject({ stored: 2, deadLetters: 2 });
  });

  it('stores a message delivered twice once', async () => {
    gateway = await startGateway({ protocolVersion: 4, mqttUrl: broker.url, db, gatewayId: 'edge-test', log: silent });
    const payload = JSON.stringify({ ts: 1763800000123, seq: 42, type: 'truck.admitted', data: { plate: '粤B12345', processingSec: 48 } });
    await device.publishAsync('porttwin/v1/demo-port/gate/GL-IN-1/event', payload, { qos: 1 });
    await device.publishAsync('porttwin/v1/demo-port/gate/GL-IN-1/event', payload, { qos: 1 });
    await until(async () => gateway!.stats().stored === 2);
    const events = await listEvents(db, { from: 0, to: Date.now(), limit: 10 }, {});
    expect(events).toEqual([expect.objectContaining({ seq: 42, ts: 1763800000123, type: 'truck.admitted' })]);
  });

  it('acknowledges a message to the broker only after its batch is committed', async () => {
    const gated = withWriteGate(db);
    gated.close();
    broker.aedes.on('ack', (_packet, client) => {
      if (client.id === 'edge-test') gated.log.push('acknowledged');
    });
    try {
      gateway = await startGateway({ protocolVersion: 4, mqttUrl: broker.url, db: gated.db, gatewayId: 'edge-test', log: silent });
      await device.publishAsync(TOPIC, telemetry(1, 2), { qos: 1 });
      // The batch is closed and its write waits on the database: an acknowledgement sent any
      // earlier (on receipt, on closing the batch) has reached the in-process broker by the
      // time its next I/O turn is over.
      await until(async () => gated.log.includes('write held'));
      await new Promise((resolve) => setImmediate(resolve));
      expect(gated.log).toEqual(['write held']);
    } finally {
      gated.open();
    }
    await until(async () => gated.log.includes('acknowledged'));
    expect(gated.log).toEqual(['write held', 'committed', 'acknowledged']);
    expect(await listTelemetry(db, { from: 0, to: Date.now() + 1000, limit: 10 })).toHaveLength(1);
  });

  it('gets what it never committed again after a crash, and stores it once', async () => {
    const gated = withWriteGate(db);
    gated.close();
    const first = await startGateway({ protocolVersion: 4, mqttUrl: broker.url, db: gated.db, gatewayId: 'edge-restart', log: silent });
    for (const seq of [1, 2, 3]) await device.publishAsync(TOPIC, telemetry(seq, seq), { qos: 1 });
    await until(async () => first.stats().received === 3);
    await first.abort();
    for (const seq of [4, 5]) await device.publishAsync(TOPIC, telemetry(seq, seq), { qos: 1 });
    gated.open();
    gateway = await startGateway({ protocolVersion: 4, mqttUrl: broker.url, db, gatewayId: 'edge-restart', log: silent });
    const range = { from: 0, to: Date.now() + 1000, limit: 10 };
    // Redelivered 1–3 and queued 4–5 all reach the second gateway; the table's unique key keeps each once.
    await until(async () => gateway!.stats().stored >= 5);
    expect((await listTelemetry(db, range)).map((row) => row.seq).sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5]);
  });

  it('journals batches while the database is down, acknowledges them, and replays them once it is back', async () => {
    const journalDir = mkdtempSync(join(tmpdir(), 'porttwin-gw-journal-'));
    let databaseUp = false;
    const flaky = {
      ...db,
      transaction: async (fn) => {
        if (!databaseUp) throw new Error('connection refused');
        return db.transaction(fn);
      },
    } as Database;
    const acks: string[] = [];
    broker.aedes.on('ack', (_packet, client) => {
      if (client.id === 'edge-journal') acks.push(client.id);
    });
    try {
      gateway = await startGateway({
        protocolVersion: 4,
        mqttUrl: broker.url,
        db: flaky,
        gatewayId: 'edge-journal',
        journalDir,
        log: silent,
      });
      for (const seq of [1, 2, 3, 4]) await device.publishAsync(TOPIC, telemetry(seq, seq), { qos: 1 });
      await until(async () => acks.length === 4);
      expect(gateway.stats()).toMatchObject({ journaled: 4, databaseReachable: false });
      expect(await listTelemetry(db, { from: 0, to: Date.now() + 1000, limit: 10 })).toHaveLength(0);
      databaseUp = true;
      await device.publishAsync(TOPIC, telemetry(5, 5), { qos: 1 });
      await until(async () => (await listTelemetry(db, { from: 0, to: Date.now() + 1000, limit: 10 })).length === 5);
      await gateway.journalDrained();
      expect((await listTelemetry(db, { from: 0, to: Date.now() + 1000, limit: 10 })).map((row) => row.seq)).toEqual([1, 2, 3, 4, 5]);
      expect(gateway.stats()).toMatchObject({ journalBatches: 0, databaseReachable: true });
    } finally {
      rmSync(journalDir, { recursive: true, force: true });
    }
  });
});
