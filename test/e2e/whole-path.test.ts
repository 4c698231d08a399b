// The whole path with the real processes: a device publishes over MQTT, the console's edge
// stores it, the server streams it over socket.io, and the rows are in the database —
// on the embedded broker and database, and on the machine's Mosquitto and PostgreSQL.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AssetState } from '@porttwin/contracts';
import { listDeadLetters, listEvents, listTelemetry, openDatabase } from '@porttwin/db';
import { createScratchDatabase, postgresReachable } from '@porttwin/db/testing';
import mqtt from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getJson, openLiveStream, signIn, type LiveStream } from '../support/console-client';
import { issuePublisherCredential, mqttUrlWith } from '../support/console-credentials';
import { type ConsoleProcess, startConsoleProcess } from '../support/console-process';
import { mosquittoReachable, REAL_MOSQUITTO_URL } from '../support/reachable';
import { waitFor } from '../support/wait-for';

const PASSWORD = 'e2e-harbour-master';

interface Setting {
  name: string;
  simulator: boolean;
  available: () => Promise<boolean>;
  /** Environment for the console, the broker URL (with credentials) devices use, where the rows can be read, and cleanup. */
  prepare(): Promise<{
    env: Record<string, string>;
    mqttUrl(console: ConsoleProcess, token: string): Promise<string>;
    databaseOptions: { url?: string; dataDir?: string };
    cleanup(): Promise<void>;
  }>;
}

const settings: Setting[] = [
  {
    name: 'embedded broker and database, simulator running',
    simulator: true,
    available: async () => true,
    prepare: async () => {
      const dataDir = mkdtempSync(join(tmpdir(), 'porttwin-e2e-'));
      return {
        env: { DATA_DIR: dataDir, PORTTWIN_ADMIN_PASSWORD: PASSWORD, SIMULATOR: 'on' },
        // The embedded broker refuses anonymous clients: the test is a bridge with a site publisher credential.
        mqttUrl: async (console, token) =>
          mqttUrlWith(`mqtt://127.0.0.1:${console.mqttPort}`, await issuePublisherCredential(console.url, token, 'demo-port', 'e2e')),
        databaseOptions: { dataDir },
        cleanup: async () => rmSync(dataDir, { recursive: true, force: true }),
      };
    },
  },
  {
    name: "the machine's Mosquitto and PostgreSQL",
    // The simulator stays off: its retained statuses would outlive the test on a shared broker.
    simulator: false,
    available: async () => (await mosquittoReachable()) && (await postgresReachable()),
    prepare: async () => {
      const scratch = await createScratchDatabase();
      const gatewayId = `porttwin-e2e-${Date.now().toString(36)}`;
      return {
        env: {
          MQTT_URL: REAL_MOSQUITTO_URL,
          DATABASE_URL: scratch.url,
          PORTTWIN_ADMIN_PASSWORD: PASSWORD,
          SIMULATOR: 'off',
          EDGE_GATEWAY_ID: gatewayId,
        },
        mqttUrl: async () => REAL_MOSQUITTO_URL,
        databaseOptions: { url: scratch.url },
        cleanup: async () => {
          // End the gateway's persistent session so the broker stops queueing for it.
          const session = await mqtt.connectAsync(REAL_MOSQUITTO_URL, { clientId: gatewayId, clean: true });
          await session.endAsync();
          await scratch.drop();
        },
      };
    },
  },
];

for (const setting of settings) {
  const available = await setting.available();
  describe.skipIf(!available)(`whole path on ${setting.name}`, () => {
    const assetId = `E2E-${Date.now().toString(36)}`;
    const topic = (channel: string) => `porttwin/v1/demo-port/gate/${assetId}/${channel}`;
    let prepared: Awaited<ReturnType<Setting['prepare']>>;
    let console: ConsoleProcess;
    let token: string;
    let live: LiveStream;
    const sentAt = Date.now();

    beforeAll(async () => {
      prepared = await setting.prepare();
      console = await startConsoleProcess(prepared.env);
      token = await signIn(console.url, PASSWORD);
      live = await openLiveStream(console.url, token);
    });
    afterAll(async () => {
      live?.close();
      await console?.stop();
      await prepared?.cleanup();
    });

    it('streams a published message to a socket.io client, and dead-letters the broken one beside it', async () => {
      expect(live.snapshot.site.site).toBe('demo-port');
      const device = await mqtt.connectAsync(await prepared.mqttUrl(console, token), { clientId: `device-${assetId}` });
      const telemetry = (seq: number, queueLength: number) =>
        JSON.stringify({ ts: sentAt + seq, seq, metrics: { queueLength, laneOpen: 1 } });
      await device.publishAsync(topic('status'), JSON.stringify({ ts: sentAt, state: 'online' }), { qos: 1 });
      await device.publishAsync(topic('telemetry'), telemetry(1, 7), { qos: 1 });
      await device.publishAsync(topic('telemetry'), '{"ts": 1, "seq": ', { qos: 1 });
      await device.publishAsync(topic('telemetry'), telemetry(2, 8), { qos: 1 });
      await device.publishAsync(topic('telemetry'), telemetry(2, 8), { qos: 1 }); // delivered twice
      await device.publishAsync(
        topic('event'),
        JSON.stringify({
          ts: sentAt + 3,
          seq: 3,
          type: 'truck.admitted',
          data: { plate: '粤B12345', processingSec: 41 },
        }),
        { qos: 1 },
      );
      await device.endAsync();

      const latest = await waitFor(
        'the socket.io client to receive the asset',
        () => live.updates.filter((asset) => asset.id === assetId).at(-1),
        (asset?: AssetState) => asset?.metrics.queueLength === 8,
      );
      expect(latest).toMatchObject({
        id: assetId,
        site: 'demo-port',
        kind: 'gate',
        status: 'online',
        metrics: { queueLength: 8, laneOpen: 1 },
      });

      const letters = await waitFor(
        'the dead letter',
        () => getJson<{ topic: string; reason: string }[]>(`${console.url}/api/dead-letters?from=${sentAt - 1000}`, token),
        (rows) => rows.some((row) => row.topic === topic('telemetry')),
      );
      expect(letters.find((row) => row.topic === topic('telemetry'))?.reason).toMatch(/not JSON/);
      expect(await getJson(`${console.url}/api/health`, token)).toMatchObject({ status: 'ok', broker: 'connected', database: 'ok' });
    });

    if (setting.simulator)
      it('shows the simulated port live: cranes, lanes and trucks, and nothing else', async () => {
        const simulated = ['camera', 'gate', 'qc', 'rpm', 'scanner', 'truck', 'vessel', 'yc'];
        const kinds = await waitFor(
          'simulated assets on the live stream',
          () => new Set([...live.snapshot.assets, ...live.updates].map((asset) => asset.kind)),
          (seen) => simulated.every((kind) => seen.has(kind)),
          30_000,
        );
        expect([...kinds].sort()).toEqual(simulated);
      });

    it('has every message in the database once after a clean stop', async () => {
      expect(await console.stop()).toBe(0);
      const db = await openDatabase(prepared.databaseOptions);
      try {
        const range = { from: sentAt - 1000, to: Date.now() + 60_000, limit: 100_000 };
        const telemetry = (await listTelemetry(db, range, assetId)).map((row) => [row.seq, row.metrics.queueLength]);
        expect(telemetry).toEqual([
          [1, 7],
          [2, 8],
        ]);
        expect(await listEvents(db, range, { assetId })).toEqual([expect.objectContaining({ seq: 3, type: 'truck.admitted' })]);
        expect((await listDeadLetters(db, range)).filter((row) => row.topic === topic('telemetry'))).toHaveLength(1);
      } finally {
        await db.close();
      }
    });
  });
}
