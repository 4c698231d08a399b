// A message the contract lets through but the database refuses (here: a CHECK constraint the
// test adds, as a stricter schema would) must not hold back the messages around it.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Database, listDeadLetters, listTelemetry } from '@porttwin/db';
import { testDatabases } from '@porttwin/db/testing';
import mqtt, { type MqttClient } from 'mqtt';
import pino from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type RunningGateway, startGateway } from './gateway';
import { startTestBroker, type TestBroker } from './test-broker';
import { until } from './test-wait';

const silent = pino({ level: 'silent' });
const TOPIC = 'porttwin/v1/demo-port/gate/GL-IN-1/telemetry';
const telemetry = (seq: number, queueLength: number) => JSON.stringify({ ts: Date.now(), seq, metrics: { queueLength, laneOpen: 1 } });
/** The database refuses a queue of 13 from now on (SQLSTATE 23514, class 23). */
const REFUSE_THIRTEEN = "ALTER TABLE telemetry ADD CONSTRAINT no_thirteen CHECK ((metrics->>'queueLength') IS DISTINCT FROM '13')";

for (const engine of await testDatabases()) {
  describe(`a batch the database partly refuses, on ${engine.name}`, () => {
    let broker: TestBroker;
    let opened: Awaited<ReturnType<typeof engine.open>>;
    let db: Database;
    let device: MqttClient;
    let gateway: RunningGateway | null = null;
    const range = () => ({ from: 0, to: Date.now() + 60_000, limit: 100 });

    beforeEach(async () => {
      broker = await startTestBroker();
      opened = await engine.open();
      db = opened.db;
      await db.exec(REFUSE_THIRTEEN);
      device = await mqtt.connectAsync(broker.url, { clientId: 'device-GL-IN-1' });
    });
    afterEach(async () => {
      await device.endAsync();
      await gateway?.stop();
      gateway = null;
      await broker.close();
      await opened.dispose();
    });

    it("stores the rest of the batch and keeps the refused message as a dead letter with the database's reason", async () => {
      // One batch: the gateway waits long enough for all five to arrive.
      gateway = await startGateway({
        protocolVersion: 4,
        mqttUrl: broker.url,
        db,
        gatewayId: 'edge-refused',
        maxBatchDelayMs: 1000,
        log: silent,
      });
      await Promise.all([1, 2, 3, 4, 5].map((seq) => device.publishAsync(TOPIC, telemetry(seq, seq === 3 ? 13 : seq), { qos: 1 })));
      await until(() => gateway!.stats().stored + gateway!.stats().deadLetters === 5);

      expect((await listTelemetry(db, range())).map((row) => row.seq).sort()).toEqual([1, 2, 4, 5]);
      const letters = await listDeadLetters(db, range());
      expect(letters).toHaveLength(1);
      expect(letters[0]).toMatchObject({
        topic: TOPIC,
        reason: expect.stringMatching(/^database refused the message: .*no_thirteen.*\(SQLSTATE 23514\)$/),
      });
      expect(JSON.parse(letters[0]!.payload)).toMatchObject({ seq: 3, metrics: { queueLength: 13 } });
      expect(gateway.stats()).toMatchObject({ stored: 4, deadLetters: 1, refused: 1, writeFailures: 0 });
    });

    it('goes on storing after a refusal: the next messages are not held back', async () => {
      gateway = await startGateway({ protocolVersion: 4, mqttUrl: broker.url, db, gatewayId: 'edge-refused', log: silent });
      await device.publishAsync(TOPIC, telemetry(1, 13), { qos: 1 });
      await until(() => gateway!.stats().deadLetters === 1);
      for (const seq of [2, 3]) await device.publishAsync(TOPIC, telemetry(seq, seq), { qos: 1 });
      await until(async () => (await listTelemetry(db, range())).length === 2);
      expect(gateway.stats()).toMatchObject({ stored: 2, deadLetters: 1, writeFailures: 0 });
    });

    it('finds the refused message in a journaled batch too, and replays the rest', async () => {
      const journalDir = mkdtempSync(join(tmpdir(), 'porttwin-refused-journal-'));
      let databaseUp = false;
      const flaky = {
        ...db,
        transaction: async (fn) => {
          if (!databaseUp) throw new Error('connection refused');
          return db.transaction(fn);
        },
      } as Database;
      try {
        gateway = await startGateway({
          protocolVersion: 4,
          mqttUrl: broker.url,
          db: flaky,
          gatewayId: 'edge-refused',
          journalDir,
          log: silent,
        });
        for (const [seq, queue] of [
          [1, 1],
          [2, 13],
          [3, 3],
        ] as const)
          await device.publishAsync(TOPIC, telemetry(seq, queue), { qos: 1 });
        await until(() => gateway!.stats().journaled === 3);
        databaseUp = true;
        await until(() => gateway!.stats().journalBatches === 0);
        await gateway.journalDrained();
        expect((await listTelemetry(db, range())).map((row) => row.seq).sort()).toEqual([1, 3]);
        expect((await listDeadLetters(db, range())).map((letter) => JSON.parse(letter.payload).seq)).toEqual([2]);
        expect(gateway.stats()).toMatchObject({ refused: 1, drained: 3 });
      } finally {
        rmSync(journalDir, { recursive: true, force: true });
      }
    });
  });
}
