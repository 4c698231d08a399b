// A gateway whose every write fails (its database closed under it): the stall shows in its
// stats and is logged once, and stop() still ends, leaving the messages with the broker.
import { Writable } from 'node:stream';
import { openDatabase } from '@porttwin/db';
import mqtt from 'mqtt';
import pino from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type RunningGateway, startGateway } from './gateway';
import { startTestBroker, type TestBroker } from './test-broker';
import { until } from './test-wait';

const TOPIC = 'porttwin/v1/demo-port/gate/GL-IN-1/telemetry';

/** A logger that keeps its lines, to count what was said. */
function recordingLogger() {
  const lines: { level: number; msg: string }[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString().split('\n').filter(Boolean)) lines.push(JSON.parse(line) as { level: number; msg: string });
      done();
    },
  });
  return { log: pino({ level: 'info' }, sink), said: (text: string) => lines.filter((line) => line.msg.includes(text)).length };
}

describe('a gateway that cannot write', () => {
  let broker: TestBroker;
  let gateway: RunningGateway | null = null;

  beforeEach(async () => {
    broker = await startTestBroker();
  });
  afterEach(async () => {
    await gateway?.abort();
    gateway = null;
    await broker.close();
  });

  it('reports the stall with its cause, logs it once, and stops within its grace period', async () => {
    const db = await openDatabase();
    const { log, said } = recordingLogger();
    gateway = await startGateway({ protocolVersion: 4, mqttUrl: broker.url, db, gatewayId: 'edge-stall', stallAfterMs: 300, log });
    await db.close(); // every write from now on fails, and not for a data reason
    const device = await mqtt.connectAsync(broker.url, { clientId: 'device-GL-IN-1' });
    device.publish(TOPIC, JSON.stringify({ ts: Date.now(), seq: 1, metrics: { queueLength: 1, laneOpen: 1 } }), { qos: 1 });

    await until(() => gateway!.stats().stalled && gateway!.stats().writeFailures >= 3);
    const stats = gateway.stats();
    expect(stats).toMatchObject({ stalled: true, stored: 0, pending: 1, writeError: expect.stringMatching(/closed/i) });
    expect(stats.oldestPendingMs).toBeGreaterThan(300);
    expect(said('batch could not be stored')).toBe(1);
    expect(said('ingest stalled')).toBe(1);

    const acks: string[] = [];
    broker.aedes.on('ack', (_packet, client) => acks.push(client.id));
    // stop() gives pending writes 5 s, then leaves them to the broker.
    const stopped = gateway.stop().then(() => 'stopped');
    const deadline = new Promise((resolve) => setTimeout(() => resolve('still running after 8 s'), 8_000));
    expect(await Promise.race([stopped, deadline])).toBe('stopped');
    gateway = null;
    expect(acks).toEqual([]);
    await device.endAsync();
  });
});
