// The embedded broker over TLS (issue 8, transport): given a certificate and key it also
// listens for MQTT over TLS, with the same device registry and ACL. A device that trusts the
// self-signed certificate signs in with its credential and its message is stored by a real
// gateway that itself reads over mqtts; a client that does not trust it never reaches CONNECT.
import { type Database, listTelemetry, openDatabase } from '@porttwin/db';
import { type RunningGateway, startGateway } from '@porttwin/edge';
import { createTestCertificate, type TestCertificate } from '@porttwin/edge/testing';
import mqtt, { type IClientOptions, type MqttClient } from 'mqtt';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issueDeviceCredential, issueGatewayCredential } from '../devices/credentials';
import { waitUntil } from '../testing/wait-until';
import { BrokerPortTakenError, type EmbeddedBroker, startEmbeddedBroker } from './broker';

const silent = pino({ level: 'silent' });
const GATE = 'porttwin/v1/demo-port/gate/GL-IN-1';
const telemetry = (seq: number) => JSON.stringify({ ts: Date.now(), seq, metrics: { queueLength: seq, laneOpen: 1 } });
const everything = () => ({ from: 0, to: Date.now() + 3_600_000, limit: 10_000 });

/** Connects and resolves once the broker answers, with the refusal if there was one. */
function connect(url: string, options: IClientOptions): Promise<{ client: MqttClient; refused: Error | null }> {
  return new Promise((resolve) => {
    const client = mqtt.connect(url, { reconnectPeriod: 0, connectTimeout: 5000, protocolVersion: 4, ...options });
    client.once('connect', () => resolve({ client, refused: null }));
    client.once('error', (error) => {
      client.end(true);
      resolve({ client, refused: error });
    });
  });
}

describe('the embedded broker over TLS', () => {
  let certificate: TestCertificate;
  let db: Database;
  let broker: EmbeddedBroker;
  let gateway: RunningGateway;
  let gateLane: { username: string; password: string };
  const opened: MqttClient[] = [];

  beforeAll(async () => {
    certificate = createTestCertificate();
    db = await openDatabase();
    broker = await startEmbeddedBroker({
      port: 0,
      host: '127.0.0.1',
      tls: { port: 0, host: '127.0.0.1', cert: certificate.cert, key: certificate.key },
      db,
      log: silent,
    });
    gateLane = await issueDeviceCredential(db, { site: 'demo-port', kind: 'gate', assetId: 'GL-IN-1' });
    const edge = await issueGatewayCredential(db, 'edge-tls');
    gateway = await startGateway({
      mqttUrl: broker.tls!.url,
      db,
      gatewayId: 'edge-tls',
      protocolVersion: 4,
      mqttOptions: { ...edge, ca: certificate.cert },
      log: silent,
    });
    await waitUntil(
      'the gateway connected over mqtts',
      () => gateway.stats().connected,
      (connected) => connected,
    );
  });
  afterAll(async () => {
    for (const client of opened) client.end(true);
    await gateway?.stop();
    await broker?.close();
    await db?.close();
    certificate?.dispose();
  });

  it('listens on a second port, over TLS, beside the plain one', () => {
    expect(broker.tls).toEqual({ url: `mqtts://127.0.0.1:${broker.tls!.port}`, port: expect.any(Number) });
    expect(broker.tls!.port).not.toBe(broker.port);
  });

  it('takes a device that trusts its certificate and signs in with its credential; the gateway stores what it sends', async () => {
    const { client, refused } = await connect(broker.tls!.url, { ...gateLane, clientId: 'GL-IN-1-tls', ca: certificate.cert });
    expect(refused).toBeNull();
    opened.push(client);
    // The connection really is TLS: the stream under MQTT.js is a TLS socket that verified the broker.
    expect(client.stream).toMatchObject({ encrypted: true, authorized: true });
    await client.publishAsync(`${GATE}/telemetry`, telemetry(1), { qos: 1 });
    const rows = await waitUntil(
      'the message stored',
      () => listTelemetry(db, everything(), 'GL-IN-1'),
      (stored) => stored.length === 1,
    );
    expect(rows.map((row) => row.seq)).toEqual([1]);
  });

  it('holds a TLS client to the same credentials: a wrong password is refused', async () => {
    const before = broker.refusals().connect;
    const { refused } = await connect(broker.tls!.url, { username: gateLane.username, password: 'porttwin', ca: certificate.cert });
    expect(refused?.message).toMatch(/Bad username or password/);
    expect(broker.refusals().connect).toBe(before + 1);
  });

  it('is refused by a client that does not trust its certificate, before any credential is sent', async () => {
    const before = broker.refusals().connect;
    const { refused } = await connect(broker.tls!.url, { ...gateLane, clientId: 'GL-IN-1-untrusting' });
    expect(refused).toMatchObject({ code: 'DEPTH_ZERO_SELF_SIGNED_CERT' });
    expect(broker.refusals().connect).toBe(before);
  });

  it('names MQTTS_PORT when its port is taken', async () => {
    const second = startEmbeddedBroker({
      port: 0,
      host: '127.0.0.1',
      tls: { port: broker.tls!.port, host: '127.0.0.1', cert: certificate.cert, key: certificate.key },
      db,
      log: silent,
    });
    await expect(second).rejects.toThrow(BrokerPortTakenError);
    await expect(second).rejects.toThrow(`server: MQTTS_PORT ${broker.tls!.port} is already in use`);
  });
});
