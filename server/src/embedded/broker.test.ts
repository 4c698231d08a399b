// The embedded broker's access control with the real parts: aedes on a port, the device
// registry in PGlite, a real edge gateway storing what it is given, MQTT.js as the devices.
import { type Database, listDeadLetters, listTelemetry, openDatabase, revokeDeviceCredential } from '@porttwin/db';
import { type RunningGateway, startGateway } from '@porttwin/edge';
import mqtt, { type IClientOptions, type MqttClient } from 'mqtt';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issueDeviceCredential, issueGatewayCredential, issuePublisherCredential } from '../devices/credentials';
import { waitUntil } from '../testing/wait-until';
import { type EmbeddedBroker, startEmbeddedBroker } from './broker';

const silent = pino({ level: 'silent' });
const GATE = 'porttwin/v1/demo-port/gate/GL-IN-1';
const telemetry = (seq: number) => JSON.stringify({ ts: Date.now(), seq, metrics: { queueLength: seq, laneOpen: 1 } });
const everything = { from: 0, to: Date.now() + 3_600_000, limit: 10_000 };

/** Connects and resolves once the broker answers, with the refusal if it refused. */
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

describe('the embedded broker holds each client to its credential', () => {
  let db: Database;
  let broker: EmbeddedBroker;
  let gateway: RunningGateway;
  let gateLane: { username: string; password: string };
  let publisher: { username: string; password: string };
  const opened: MqttClient[] = [];

  async function device(options: IClientOptions = {}): Promise<MqttClient> {
    const { client, refused } = await connect(broker.url, { ...gateLane, clientId: `GL-IN-1-${opened.length}`, ...options });
    if (refused) throw refused;
    opened.push(client);
    return client;
  }

  beforeAll(async () => {
    db = await openDatabase();
    broker = await startEmbeddedBroker({ port: 0, host: '127.0.0.1', db, log: silent, revocationCheckMs: 100 });
    gateLane = await issueDeviceCredential(db, { site: 'demo-port', kind: 'gate', assetId: 'GL-IN-1' });
    publisher = await issuePublisherCredential(db, 'demo-port', 'bridge');
    const edge = await issueGatewayCredential(db, 'edge-acl');
    gateway = await startGateway({ mqttUrl: broker.url, db, gatewayId: 'edge-acl', protocolVersion: 4, mqttOptions: edge, log: silent });
  });
  afterAll(async () => {
    for (const client of opened) client.end(true);
    await gateway?.stop();
    await broker?.close();
    await db?.close();
  });

  it('stores what a device publishes under its own topic', async () => {
    const lane = await device();
    await lane.publishAsync(`${GATE}/telemetry`, telemetry(1), { qos: 1 });
    await waitUntil(
      'the message stored',
      () => listTelemetry(db, everything, 'GL-IN-1'),
      (rows) => rows.length === 1,
    );
  });

  it("refuses a publish outside the device's own topic: no PUBACK, the link is cut, nothing stored", async () => {
    const before = broker.refusals().publish;
    const impostor = await device();
    let acknowledged = false;
    impostor.publish('porttwin/v1/demo-port/gate/GL-IN-2/telemetry', telemetry(1), { qos: 1 }, (error) => (acknowledged = !error));
    await new Promise<void>((resolve) => impostor.once('close', () => resolve()));
    expect(broker.refusals().publish).toBe(before + 1);
    // What the broker took after the refusal is stored; the refused message is not, nor dead-lettered.
    const lane = await device();
    await lane.publishAsync(`${GATE}/telemetry`, telemetry(2), { qos: 1 });
    await waitUntil(
      'the later message stored',
      () => listTelemetry(db, everything, 'GL-IN-1'),
      (rows) => rows.length === 2,
    );
    expect(acknowledged).toBe(false);
    expect(await listTelemetry(db, everything, 'GL-IN-2')).toEqual([]);
    expect(await listDeadLetters(db, everything)).toEqual([]);
  });

  it('refuses a device the subscription to # and to another device, and keeps its link', async () => {
    const before = broker.refusals().subscribe;
    const lane = await device();
    await expect(lane.subscribeAsync('#', { qos: 1 })).rejects.toThrow(/Subscribe error/);
    await expect(lane.subscribeAsync('porttwin/v1/demo-port/gate/GL-IN-2/#', { qos: 1 })).rejects.toThrow(/Subscribe error/);
    expect(broker.refusals().subscribe).toBe(before + 2);
    expect(lane.connected).toBe(true);
    expect(await lane.subscribeAsync(`${GATE}/#`, { qos: 1 })).toEqual([{ topic: `${GATE}/#`, qos: 1 }]);
  });

  it('refuses anonymous clients, wrong passwords and unknown users', async () => {
    const before = broker.refusals().connect;
    expect((await connect(broker.url, { clientId: 'anonymous' })).refused?.message).toMatch(/Not authorized/i);
    expect((await connect(broker.url, { clientId: 'guess', username: gateLane.username, password: 'guess' })).refused?.message).toMatch(
      /Bad username or password/i,
    );
    expect(
      (await connect(broker.url, { clientId: 'nobody', username: 'device.demo-port.NOPE', password: gateLane.password })).refused?.message,
    ).toMatch(/Bad username or password/i);
    expect(broker.refusals().connect).toBe(before + 3);
  });

  it("refuses a gateway's client id to a device credential, and a gateway any other id", async () => {
    for (const clientId of ['edge-acl', 'porttwin-edge']) {
      expect((await connect(broker.url, { ...gateLane, clientId })).refused?.message).toMatch(/Not authorized/i);
      expect((await connect(broker.url, { ...publisher, clientId })).refused?.message).toMatch(/Not authorized/i);
    }
    const other = await issueGatewayCredential(db, 'edge-other');
    expect((await connect(broker.url, { ...other, clientId: 'edge-acl' })).refused?.message).toMatch(/Not authorized/i);
    // The gateway still holds its session and stores traffic.
    expect(gateway.stats().connected).toBe(true);
  });

  it('lets a site publisher publish every device topic of its site and read nothing', async () => {
    const { client: bridge, refused } = await connect(broker.url, { ...publisher, clientId: 'bridge-1' });
    expect(refused).toBeNull();
    opened.push(bridge);
    await bridge.publishAsync(
      'porttwin/v1/demo-port/truck/TRK-001/telemetry',
      JSON.stringify({ ts: Date.now(), seq: 1, metrics: { x: 1, y: 2, speed: 0, heading: 0 } }),
      { qos: 1 },
    );
    await waitUntil(
      "the tracker's message stored",
      () => listTelemetry(db, everything, 'TRK-001'),
      (rows) => rows.length === 1,
    );
    await expect(bridge.subscribeAsync('porttwin/v1/#', { qos: 1 })).rejects.toThrow(/Subscribe error/);
  });

  it('hangs up on a client whose credential is revoked, and refuses it from then on', async () => {
    const lane = await device();
    const closed = new Promise<void>((resolve) => lane.once('close', () => resolve()));
    await revokeDeviceCredential(db, gateLane.username);
    await closed;
    expect((await connect(broker.url, { ...gateLane, clientId: 'GL-IN-1-again' })).refused?.message).toMatch(/Bad username or password/i);
  });
});

describe('the embedded broker in development mode (PORTTWIN_ALLOW_ANONYMOUS_MQTT)', () => {
  let db: Database;
  let broker: EmbeddedBroker;

  beforeAll(async () => {
    db = await openDatabase();
    broker = await startEmbeddedBroker({ port: 0, host: '127.0.0.1', db, allowAnonymous: true, log: silent });
  });
  afterAll(async () => {
    await broker?.close();
    await db?.close();
  });

  it("lets anonymous clients publish and subscribe, but not take a gateway's client id", async () => {
    const { client, refused } = await connect(broker.url, { clientId: 'mosquitto_pub' });
    expect(refused).toBeNull();
    await client.subscribeAsync('#', { qos: 1 });
    await client.publishAsync(`${GATE}/telemetry`, telemetry(1), { qos: 1 });
    await client.endAsync();
    expect((await connect(broker.url, { clientId: 'porttwin-edge' })).refused?.message).toMatch(/Not authorized/i);
  });
});
