// The gateway's log lines and errors never carry the broker's password (MQTT_URL may hold one).
import { createServer } from 'node:net';
import { Writable } from 'node:stream';
import { type Database, openDatabase } from '@porttwin/db';
import pino from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startGateway } from './gateway';
import { startTestBroker, type TestBroker } from './test-broker';

const PASSWORD = 'harbour-s3cret';

/** A pino logger whose lines land in an array. */
function capturingLog() {
  const lines: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(chunk.toString('utf8'));
      done();
    },
  });
  return { log: pino({ level: 'trace' }, sink), lines };
}

/** A loopback port nothing listens on any more. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe("the gateway's logs", () => {
  let broker: TestBroker;
  let db: Database;

  beforeEach(async () => {
    broker = await startTestBroker();
    db = await openDatabase();
  });
  afterEach(async () => {
    await broker.close();
    await db.close();
  });

  it('names the broker it connected to without the password in MQTT_URL', async () => {
    const { log, lines } = capturingLog();
    const mqttUrl = broker.url.replace('mqtt://', `mqtt://edge-a:${PASSWORD}@`);
    const gateway = await startGateway({ protocolVersion: 4, mqttUrl, db, gatewayId: 'edge-logs', log });
    await gateway.stop();
    const connected = lines
      .map((line) => JSON.parse(line) as { msg: string; broker?: string })
      .find((line) => line.msg === 'edge: connected');
    expect(connected?.broker).toBe(broker.url.replace('mqtt://', 'mqtt://edge-a:***@'));
    expect(lines.join('')).not.toContain(PASSWORD);
  });

  it('says which broker it could not reach without the password', async () => {
    const { log } = capturingLog();
    const port = await closedPort();
    const unreachable = `mqtt://edge-a:${PASSWORD}@127.0.0.1:${port}`;
    const failure = await startGateway({ protocolVersion: 4, mqttUrl: unreachable, db, gatewayId: 'edge-logs', log }).catch(
      (error: Error) => error,
    );
    expect(failure).toBeInstanceOf(Error);
    expect((failure as Error).message).toContain(`mqtt://edge-a:***@127.0.0.1:${port}`);
    expect((failure as Error).message).not.toContain(PASSWORD);
  });
});
