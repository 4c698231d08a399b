// The embedded broker's bounds beyond topic rights, with the real parts (aedes on a port, the
// registry in PGlite, a real gateway, MQTT.js as devices): packet size, a device's publish
// rate, and retained messages (issue 8, part 8).
import { DEVICE_LIMITS } from '@porttwin/contracts';
import { type Database, getAsset, openDatabase } from '@porttwin/db';
import { type RunningGateway, startGateway } from '@porttwin/edge';
import mqtt, { type IClientOptions, type MqttClient } from 'mqtt';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issueDeviceCredential, issueGatewayCredential, issuePublisherCredential } from '../devices/credentials';
import { waitUntil } from '../testing/wait-until';
import { type EmbeddedBroker, startEmbeddedBroker } from './broker';
import { BURST_SECONDS } from './publish-limits';

const GATE = 'porttwin/v1/demo-port/gate/GL-IN-1';
const RATE = 2;
const status = (state: string) => JSON.stringify({ ts: Date.now(), state });
const telemetry = (seq: number, padding = '') =>
  JSON.stringify({ ts: Date.now(), seq, metrics: { queueLength: seq, laneOpen: 1 }, padding });

describe('the embedded broker bounds what a client may make it do', () => {
  let db: Database;
  let broker: EmbeddedBroker;
  let gateway: RunningGateway;
  let gateLane: { username: string; password: string };
  let publisher: { username: string; password: string };
  const warnings: { msg: string; action?: string }[] = [];
  const log = pino({ level: 'warn' }, { write: (line: string) => void warnings.push(JSON.parse(line) as { msg: string }) });
  const opened: MqttClient[] = [];

  async function connect(credential: { username: string; password: string }, options: IClientOptions = {}): Promise<MqttClient> {
    const client = await mqtt.connectAsync(broker.url, {
      ...credential,
      clientId: `client-${opened.length}`,
      reconnectPeriod: 0,
      protocolVersion: 4,
      ...options,
    });
    opened.push(client);
    return client;
  }
  const closed = (client: MqttClient) =>
    new Promise<void>((resolve) => (client.connected ? client.once('close', () => resolve()) : resolve()));

  beforeAll(async () => {
    db = await openDatabase();
    broker = await startEmbeddedBroker({ port: 0, host: '127.0.0.1', db, log, deviceRatePerSec: RATE, maxRetained: 3 });
    gateLane = await issueDeviceCredential(db, { site: 'demo-port', kind: 'gate', assetId: 'GL-IN-1' });
    publisher = await issuePublisherCredential(db, 'demo-port', 'bridge');
    const edge = await issueGatewayCredential(db, 'edge-limits');
    gateway = await startGateway({ mqttUrl: broker.url, db, gatewayId: 'edge-limits', protocolVersion: 4, mqttOptions: edge, log });
  });
  afterAll(async () => {
    for (const client of opened) client.end(true);
    await gateway?.stop();
    await broker?.close();
    await db?.close();
  });

  it('hangs up on a packet over the size limit before reading it, and passes the largest payload the contract allows', async () => {
    const before = gateway.stats().received;
    const bridge = await connect(publisher);
    // The contract's largest payload on the contract's longest topic fits in one packet.
    const largest = telemetry(1, 'x'.repeat(DEVICE_LIMITS.maxPayloadBytes - telemetry(1).length));
    expect(Buffer.byteLength(largest)).toBe(DEVICE_LIMITS.maxPayloadBytes);
    await bridge.publishAsync(`porttwin/v1/demo-port/gate/${'L'.repeat(64)}/telemetry`, largest, { qos: 1 });
    await waitUntil(
      'the gateway to receive it',
      async () => gateway.stats().received,
      (received) => received === before + 1,
    );

    bridge.publish(`porttwin/v1/demo-port/gate/GL-IN-2/telemetry`, Buffer.alloc(DEVICE_LIMITS.maxPacketBytes), { qos: 1 });
    await closed(bridge);
    expect(broker.refusals().oversize).toBe(1);
    expect(warnings.filter((line) => line.action === 'oversize')).toHaveLength(1);
    expect(gateway.stats().received).toBe(before + 1);
  });

  it('cuts a device off past its burst, logs the flood once, and lets a site publisher go faster', async () => {
    const burst = RATE * BURST_SECONDS;
    const lane = await connect(gateLane);
    // Awaited one by one, the burst takes milliseconds: far less than the half second that refills one message.
    for (let seq = 1; seq <= burst; seq++) await lane.publishAsync(`${GATE}/telemetry`, telemetry(seq), { qos: 1 });
    lane.publish(`${GATE}/telemetry`, telemetry(burst + 1), { qos: 1 });
    await closed(lane);
    expect(broker.refusals().rate).toBe(1);

    const again = await connect(gateLane);
    for (let seq = 1; seq <= burst; seq++) await again.publishAsync(`${GATE}/telemetry`, telemetry(100 + seq), { qos: 1 });
    again.publish(`${GATE}/telemetry`, telemetry(200), { qos: 1 });
    await closed(again);
    expect(broker.refusals().rate).toBe(2);
    expect(warnings.filter((line) => line.action === 'rate')).toHaveLength(1);

    const bridge = await connect(publisher);
    for (let seq = 1; seq <= burst * 3; seq++) await bridge.publishAsync(`${GATE}/telemetry`, telemetry(300 + seq), { qos: 1 });
    expect(bridge.connected).toBe(true);
    expect(broker.refusals().rate).toBe(2);
  });

  it('publishes the will of a device cut off for flooding', async () => {
    const lane = await connect(gateLane, {
      will: { topic: `${GATE}/status`, payload: Buffer.from(status('offline')), qos: 1, retain: true },
    });
    for (let seq = 1; seq <= RATE * BURST_SECONDS; seq++) lane.publish(`${GATE}/telemetry`, telemetry(400 + seq), { qos: 0 });
    lane.publish(`${GATE}/telemetry`, telemetry(500), { qos: 0 });
    await closed(lane);
    await waitUntil(
      'the offline status stored',
      () => getAsset(db, 'GL-IN-1'),
      (asset) => asset?.status === 'offline',
    );
  });

  it('retains only on a status topic, and only up to the bound of retained topics', async () => {
    const before = broker.refusals().retain ?? 0;
    const lane = await connect(gateLane);
    lane.publish(`${GATE}/telemetry`, telemetry(600), { qos: 1, retain: true });
    await closed(lane);
    expect(broker.refusals().retain).toBe(before + 1);

    // GL-IN-1's status is retained already (its will); two more topics reach the bound of 3.
    const bridge = await connect(publisher);
    for (const lane of ['GL-IN-2', 'GL-IN-3']) {
      await bridge.publishAsync(`porttwin/v1/demo-port/gate/${lane}/status`, status('online'), { qos: 1, retain: true });
    }
    // Clearing a retained topic makes room for another.
    await bridge.publishAsync('porttwin/v1/demo-port/gate/GL-IN-3/status', '', { qos: 1, retain: true });
    await bridge.publishAsync('porttwin/v1/demo-port/gate/GL-IN-4/status', status('online'), { qos: 1, retain: true });
    expect(broker.refusals().retain).toBe(before + 1);
    bridge.publish('porttwin/v1/demo-port/gate/GL-IN-5/status', status('online'), { qos: 1, retain: true });
    await closed(bridge);
    expect(broker.refusals().retain).toBe(before + 2);
  });
});
