// One connection per device against the machine's Mosquitto: each device signs on and off on
// its own status topic, and a device whose link dies is marked offline by its own last will.
import { readFileSync } from 'node:fs';
import { decodeDeviceMessage, type DeviceMessage, type SiteLayout } from '@porttwin/contracts';
import { afterAll, describe, expect, it } from 'vitest';
import { SMALL_PORT_SITE_FILE, startSimulator } from './index';
import { PerDevicePublisher } from './per-device-publisher';
import { BROKER, clearRetained, mosquittoAvailable, testSite, waitUntil, watch } from './test-broker';

const up = await mosquittoAvailable('per-device connections');
const site = testSite('dev');

describe('per-device connections against Mosquitto', () => {
  afterAll(async () => {
    if (up) await clearRetained(site);
  });

  it.skipIf(!up)(
    'gives every device its own link: online, traffic, offline on stop',
    async () => {
      const layout: SiteLayout = { ...(JSON.parse(readFileSync(SMALL_PORT_SITE_FILE, 'utf8')) as SiteLayout), site };
      const watcher = await watch(`porttwin/v1/${site}/#`, site);
      const decoded = () =>
        watcher.received.map((m) =>
          decodeDeviceMessage({
            topic: m.topic,
            payload: m.payload,
            payloadBytes: Buffer.byteLength(m.payload),
            receivedAt: m.at,
            retained: m.retain,
          }),
        );
      const mine = (assetId: string): DeviceMessage[] =>
        decoded().flatMap((d) => (d.ok && d.message.assetId === assetId ? [d.message] : []));
      const states = (assetId: string): string[] => mine(assetId).flatMap((m) => (m.channel === 'status' ? [m.state] : []));
      const hasTelemetry = (assetId: string): boolean => mine(assetId).some((m) => m.channel === 'telemetry');

      const simulator = await startSimulator({
        mqttUrl: BROKER,
        layout,
        seed: 4,
        telemetryIntervalMs: 250,
        clientId: `${site}-sim`,
        connections: 'per-device',
      });
      try {
        await waitUntil(
          'telemetry from every device over its own link',
          () => layout.assets.every((asset) => hasTelemetry(asset.id)),
          () => layout.assets.filter((asset) => !hasTelemetry(asset.id)).map((asset) => asset.id),
        );
      } finally {
        await simulator.stop();
      }
      await waitUntil(
        'every device offline',
        () => layout.assets.every((asset) => states(asset.id).at(-1) === 'offline'),
        () => layout.assets.map((asset) => [asset.id, states(asset.id).at(-1)]),
      );
      await watcher.end();
      expect(decoded().filter((d) => !d.ok)).toEqual([]);
      for (const asset of layout.assets) expect(states(asset.id)[0], asset.id).toBe('online');
    },
    30_000,
  );

  it.skipIf(!up)(
    "publishes a device's last will on its own status topic when its link dies",
    async () => {
      const publisher = new PerDevicePublisher({ url: BROKER, site, qos: 1, clientIdPrefix: `${site}-will`, log: () => {} });
      const topic = `porttwin/v1/${site}/gate/GL-WILL/status`;
      const watcher = await watch(topic, `${site}-will`);
      publisher.publish({
        topic,
        payload: JSON.stringify({ ts: Date.now(), state: 'online' }),
        retain: true,
        channel: 'status',
        kind: 'gate',
        assetId: 'GL-WILL',
      });
      await publisher.flush();
      expect(publisher.dropLink('GL-WILL')).toBe(true);
      await waitUntil(
        'the online status and the will',
        () => watcher.received.length >= 2,
        () => watcher.received,
      );
      await watcher.end();
      await publisher.close();
      expect(watcher.received.map((m) => JSON.parse(m.payload).state)).toEqual(['online', 'offline']);
      expect(JSON.parse(watcher.received[1]!.payload)).toMatchObject({ reason: 'connection lost' });
    },
    15_000,
  );
});
