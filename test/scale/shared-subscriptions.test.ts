// Scale-out on existing engines: two gateway processes share the device traffic through an
// MQTT 5 shared subscription on the machine's real Mosquitto; every message is stored
// once — none lost, none stored by both.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createScratchDatabase, postgresReachable } from '@porttwin/db/testing';
import mqtt from 'mqtt';
import pg from 'pg';
import { expect, it } from 'vitest';
import { type EdgeProcess, startEdgeProcess } from '../support/edge-process';
import { mosquittoReachable, REAL_MOSQUITTO_URL } from '../support/reachable';
import { runLoad } from '../support/run-load';
import { everyMessageOnce, storedTelemetry } from '../support/stored-telemetry';
import { waitFor } from '../support/wait-for';

const available = (await mosquittoReachable()) && (await postgresReachable());

it.skipIf(!available)('shares the load between two gateways, storing each message once', { timeout: 120_000 }, async () => {
  const run = Date.now().toString(36);
  const site = `share-${run}`;
  const gatewayIds = [`porttwin-share-a-${run}`, `porttwin-share-b-${run}`];
  const scratch = await createScratchDatabase();
  const journalDir = mkdtempSync(join(tmpdir(), 'porttwin-share-'));
  const gateways: EdgeProcess[] = [];
  const client = new pg.Client({ connectionString: scratch.url });
  try {
    for (const gatewayId of gatewayIds) {
      gateways.push(
        await startEdgeProcess({
          MQTT_URL: REAL_MOSQUITTO_URL,
          DATABASE_URL: scratch.url,
          EDGE_GATEWAY_ID: gatewayId,
          EDGE_TOPIC_FILTER: `$share/porttwin-${run}/porttwin/v1/${site}/#`,
          EDGE_JOURNAL_DIR: join(journalDir, gatewayId),
          LOG_LEVEL: 'warn',
        }),
      );
    }
    const total = 10_000;
    // A moderate rate: the machine's broker runs Mosquitto's defaults (see edge/mosquitto/porttwin.conf).
    expect((await runLoad({ url: REAL_MOSQUITTO_URL, count: total, devices: 100, site, ratePerSec: 1000 })).published).toBe(total);
    await client.connect();
    const stored = await waitFor(
      'every message stored',
      () => storedTelemetry(scratch.url),
      (count) => count.rows >= total,
      60_000,
    );
    expect(stored).toEqual(everyMessageOnce(total, 100));
    const perGateway = (await client.query('SELECT gateway_id, messages::int FROM ingest_progress ORDER BY gateway_id')).rows as {
      gateway_id: string;
      messages: number;
    }[];
    // Each message counted by the one gateway that stored it: a message delivered to both would count twice.
    expect(perGateway.reduce((sum, row) => sum + row.messages, 0)).toBe(total);
    expect(perGateway.map((row) => row.gateway_id)).toEqual(gatewayIds);
    for (const row of perGateway) expect(row.messages).toBeGreaterThan(total / 10);
  } finally {
    for (const gateway of gateways) await gateway.stop();
    await client.end().catch(() => {});
    // End the gateways' persistent sessions so the shared broker stops queueing for them.
    for (const gatewayId of gatewayIds)
      await (await mqtt.connectAsync(REAL_MOSQUITTO_URL, { clientId: gatewayId, clean: true })).endAsync();
    await scratch.drop();
    rmSync(journalDir, { recursive: true, force: true });
  }
});
