// The maximum packet size on the machine's Mosquitto binary: the generated config's
// max_packet_size cuts off a device that sends a larger packet, and a gateway (MQTT 5, its
// Maximum Packet Size announced) is never sent one even by a broker that took it.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEVICE_LIMITS } from '@porttwin/contracts';
import { type Database, listTelemetry, openDatabase } from '@porttwin/db';
import { type RunningGateway, startGateway } from '@porttwin/edge';
import mqtt, { type MqttClient } from 'mqtt';
import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { runDevicesCli } from '../support/devices-cli';
import { MOSQUITTO_BINARY, type MosquittoInstance, startMosquitto } from '../support/mosquitto-instance';
import { requireWhenDemanded } from '../support/reachable';
import { waitFor } from '../support/wait-for';

const available = requireWhenDemanded('the mosquitto binary', '/usr/sbin/mosquitto', MOSQUITTO_BINARY !== null);
const LANE = 'porttwin/v1/demo-port/gate/GL-IN-1/telemetry';
const telemetry = (seq: number) => JSON.stringify({ ts: Date.now(), seq, metrics: { queueLength: seq, laneOpen: 1 } });
const oversized = Buffer.alloc(DEVICE_LIMITS.maxPacketBytes, 0x20);

/** The max_packet_size line of the config `pnpm devices mosquitto-files` writes. */
async function generatedMaxPacketSize(): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'porttwin-packet-size-'));
  try {
    await runDevicesCli(['mosquitto-files', join(dir, 'files')], { DATA_DIR: join(dir, 'data') });
    const line = readFileSync(join(dir, 'files', 'porttwin-auth.conf'), 'utf8')
      .split('\n')
      .find((text) => text.startsWith('max_packet_size '));
    expect(line).toBe(`max_packet_size ${DEVICE_LIMITS.maxPacketBytes}`);
    return line!;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe.skipIf(!available)('the maximum packet size on Mosquitto', () => {
  let mosquitto: MosquittoInstance;
  let db: Database;
  let gateway: RunningGateway | null = null;
  let device: MqttClient | null = null;
  afterEach(async () => {
    device?.end(true);
    await gateway?.stop();
    await db?.close();
    await mosquitto?.dispose();
  });

  async function start(auth: string) {
    mosquitto = await startMosquitto({ auth });
    db = await openDatabase();
    gateway = await startGateway({ mqttUrl: mosquitto.url, db, gatewayId: 'edge-packet-size', log: pino({ level: 'silent' }) });
    device = await mqtt.connectAsync(mosquitto.url, { clientId: 'GL-IN-1', protocolVersion: 5, reconnectPeriod: 0 });
  }

  it('cuts off a device that sends a packet over max_packet_size of the generated config', { timeout: 60_000 }, async () => {
    await start(`allow_anonymous true\n${await generatedMaxPacketSize()}`);
    const closed = new Promise<void>((resolve) => device!.once('close', () => resolve()));
    device!.publish(LANE, oversized, { qos: 1 });
    await closed;

    const again = await mqtt.connectAsync(mosquitto.url, { clientId: 'GL-IN-1-again', reconnectPeriod: 0 });
    await again.publishAsync(LANE, telemetry(1), { qos: 1 });
    await again.endAsync();
    await waitFor(
      'the next message stored',
      () => listTelemetry(db, { from: 0, to: Date.now() + 60_000, limit: 10 }),
      (rows) => rows.length === 1,
    );
    expect(gateway!.stats()).toMatchObject({ received: 1, deadLetters: 0 });
  });

  it('is never sent a packet over its announced maximum by a broker that took one, and stays connected', async () => {
    await start('allow_anonymous true');
    await device!.publishAsync(LANE, oversized, { qos: 1 });
    await device!.publishAsync(LANE, telemetry(2), { qos: 1 });
    const rows = await waitFor(
      'the small message stored',
      () => listTelemetry(db, { from: 0, to: Date.now() + 60_000, limit: 10 }),
      (found) => found.length === 1,
    );
    expect(rows.map((row) => row.seq)).toEqual([2]);
    expect(gateway!.stats()).toMatchObject({ connected: true, received: 1, deadLetters: 0 });
  });
});
