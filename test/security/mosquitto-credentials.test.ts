// The device registry's Mosquitto files on the machine's Mosquitto binary: credentials issued
// with `pnpm devices`, the files it writes, and a real gateway storing what the broker lets
// through. Over MQTT 5 a publish outside a device's topics is answered 0x87 (not authorized);
// over 3.1.1 Mosquitto acknowledges it and drops it, so the gateway must never store it.
import { chmodSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Database, listTelemetry, openDatabase } from '@porttwin/db';
import { type RunningGateway, startGateway } from '@porttwin/edge';
import mqtt, { type IClientOptions, type MqttClient } from 'mqtt';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type IssuedCredential, issueWithCli, runDevicesCli } from '../support/devices-cli';
import { MOSQUITTO_BINARY, type MosquittoInstance, startMosquitto } from '../support/mosquitto-instance';
import { requireWhenDemanded } from '../support/reachable';
import { waitFor } from '../support/wait-for';

const available = requireWhenDemanded('the mosquitto binary', '/usr/sbin/mosquitto', MOSQUITTO_BINARY !== null);
const LANE_1 = 'porttwin/v1/demo-port/gate/GL-IN-1';
const LANE_2 = 'porttwin/v1/demo-port/gate/GL-IN-2';
const telemetry = (seq: number) => JSON.stringify({ ts: Date.now(), seq, metrics: { queueLength: seq, laneOpen: 1 } });
const everything = () => ({ from: 0, to: Date.now() + 3_600_000, limit: 10_000 });

describe.skipIf(!available)('Mosquitto with the files the device registry writes', () => {
  let dir: string;
  let mosquitto: MosquittoInstance;
  let db: Database;
  let gateway: RunningGateway;
  let lane1: IssuedCredential;
  let lane2: IssuedCredential;
  const clients: MqttClient[] = [];

  const connect = async (options: IClientOptions) => {
    const client = await mqtt.connectAsync(mosquitto.url, { reconnectPeriod: 0, ...options });
    clients.push(client);
    return client;
  };
  const stored = async (assetId: string) => (await listTelemetry(db, everything(), assetId)).map((row) => row.seq);

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'porttwin-registry-'));
    const env = { DATA_DIR: join(dir, 'data') };
    lane1 = await issueWithCli(['issue', 'GL-IN-1'], env);
    lane2 = await issueWithCli(['issue', 'GL-IN-2'], env);
    const edge = await issueWithCli(['gateway', 'edge-mosquitto'], env);
    const files = join(dir, 'mosquitto');
    await runDevicesCli(['mosquitto-files', files], env);
    // Started as root, Mosquitto reads the files as its own user.
    chmodSync(dir, 0o755);
    chmodSync(files, 0o755);
    chmodSync(join(files, 'porttwin.passwd'), 0o644);
    mosquitto = await startMosquitto({ auth: readFileSync(join(files, 'porttwin-auth.conf'), 'utf8') });
    db = await openDatabase();
    gateway = await startGateway({
      mqttUrl: mosquitto.url,
      db,
      gatewayId: 'edge-mosquitto',
      mqttOptions: edge,
      log: pino({ level: 'silent' }),
    });
  }, 120_000);
  afterAll(async () => {
    for (const client of clients) client.end(true);
    await gateway?.stop();
    await db?.close();
    await mosquitto?.dispose();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it("writes a password line in mosquitto_passwd's $7$ format for each credential", () => {
    const lines = readFileSync(join(dir, 'mosquitto', 'porttwin.passwd'), 'utf8')
      .split('\n')
      .filter((line) => line && !line.startsWith('#'));
    expect(lines.map((line) => line.split(':')[0])).toEqual(['device.demo-port.GL-IN-1', 'device.demo-port.GL-IN-2', 'edge-mosquitto']);
    for (const line of lines) expect(line).toMatch(/^[^:]+:\$7\$\d+\$[A-Za-z0-9+/]{16}\$[A-Za-z0-9+/]{86}==$/);
  });

  it('refuses anonymous clients and wrong passwords', async () => {
    await expect(mqtt.connectAsync(mosquitto.url, { reconnectPeriod: 0 })).rejects.toThrow(/Not authorized/i);
    await expect(mqtt.connectAsync(mosquitto.url, { reconnectPeriod: 0, username: lane1.username, password: 'guess' })).rejects.toThrow(
      /Bad username or password|Not authorized/i,
    );
  });

  it("over MQTT 5, stores a device's own publish and answers 0x87 to one outside its topic", async () => {
    const device = await connect({ ...lane1, protocolVersion: 5 });
    await device.publishAsync(`${LANE_1}/telemetry`, telemetry(1), { qos: 1 });
    await expect(device.publishAsync(`${LANE_2}/telemetry`, telemetry(1), { qos: 1 })).rejects.toMatchObject({ code: 0x87 });
    await waitFor(
      'the own message stored',
      () => stored('GL-IN-1'),
      (seqs) => seqs.includes(1),
    );
    expect(await stored('GL-IN-2')).toEqual([]);
  });

  it("over MQTT 3.1.1, never lets a publish outside the device's topic through to the gateway", async () => {
    // 3.1.1 has no negative PUBACK: Mosquitto acknowledges and drops the message. Mosquitto
    // 2.0.11 with max_queued_messages 0 (our recommended config) puts the 0x87 reason into the
    // 3.1.1 PUBACK all the same, which MQTT.js takes as malformed and hangs up on. Either way the
    // message must not be stored.
    const device = await connect({ ...lane1, protocolVersion: 4 });
    const hungUp = new Promise<string>((resolve) => device.once('close', () => resolve('hung up')));
    const outcome = await Promise.race([
      device.publishAsync(`${LANE_2}/telemetry`, telemetry(2), { qos: 1 }).then(() => 'acknowledged'),
      hungUp,
    ]);
    expect(['acknowledged', 'hung up']).toContain(outcome);
    device.end(true);
    const again = await connect({ ...lane1, protocolVersion: 4 });
    await again.publishAsync(`${LANE_1}/telemetry`, telemetry(2), { qos: 1 });
    await waitFor(
      'the later own message stored',
      () => stored('GL-IN-1'),
      (seqs) => seqs.includes(2),
    );
    expect(await stored('GL-IN-2')).toEqual([]);
  });

  it('delivers a device subscribed to # nothing but its own topics', async () => {
    const device = await connect({ ...lane1, protocolVersion: 5 });
    const received: string[] = [];
    device.on('message', (topic) => received.push(topic));
    await device.subscribeAsync('#', { qos: 1 });
    const other = await connect({ ...lane2, protocolVersion: 5 });
    await other.publishAsync(`${LANE_2}/telemetry`, telemetry(3), { qos: 1 });
    await waitFor(
      'the other lane stored',
      () => stored('GL-IN-2'),
      (seqs) => seqs.includes(3),
    );
    // Mosquitto delivers to a subscriber in order, so once its own later message is in, the other's would be too.
    await device.publishAsync(`${LANE_1}/telemetry`, telemetry(3), { qos: 1 });
    await waitFor(
      'its own message back',
      () => received,
      (topics) => topics.includes(`${LANE_1}/telemetry`),
    );
    expect(received.filter((topic) => !topic.startsWith(LANE_1))).toEqual([]);
  });

  it("keeps the gateway's session its own: a device naming the gateway's client id is given its user name instead", async () => {
    const impostor = await connect({ ...lane1, clientId: 'edge-mosquitto', protocolVersion: 5 });
    expect(impostor.connected).toBe(true);
    const device = await connect({ ...lane2, protocolVersion: 5 });
    await device.publishAsync(`${LANE_2}/telemetry`, telemetry(4), { qos: 1 });
    await waitFor(
      'the gateway still storing',
      () => stored('GL-IN-2'),
      (seqs) => seqs.includes(4),
    );
    expect(gateway.stats().connected).toBe(true);
  });
});
