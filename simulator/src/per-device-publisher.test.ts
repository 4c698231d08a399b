// One connection per device against the machine's Mosquitto: each device signs on and off on
// its own status topic, and a device whose link dies is marked offline by its own last will.
import { readFileSync } from 'node:fs';
import { decodeDeviceMessage, type SiteLayout } from '@porttwin/contracts';
import { afterAll, describe, expect, it } from 'vitest';
import { SMALL_PORT_SITE_FILE, startSimulator } from './index';
import { PerDevicePublisher } from './per-device-publisher';
import { BROKER, clearRetained, mosquittoAvailable, testSite, watch } from './test-broker';

const up = await mosquittoAvailable('per-device connections');
const site = testSite('dev');

describe('per-device connections against Mosquitto', () => {
  afterAll(async () => {
    if (up) await clearRetained(site);
  });

  it.skipIf(!up)('gives every device its own link: online, traffic, offline on stop', async () => {
    const layout: SiteLayout = { ...(JSON.parse(readFileSync(SMALL_PORT_SITE_FILE, 'utf8')) as SiteLayout), site };
    const watcher = await watch(`porttwin/v1/${site}/#`, site);
    const simulator = await startSimulator({ mqttUrl: BROKER, layout, seed: 4, telemetryIntervalMs: 250, clientId: `${site}-sim`, connections: 'per-device' });
    await new Promise((resolve) => setTimeout(resolve, 2000));
    await simulator.stop();
    await new Promise((resolve) => setTimeout(resolve, 300));
    await watcher.end();
    const decoded = watcher.received.map((m) => decodeDeviceMessage({ topic: m.topic, payload: m.payload, payloadBytes: Buffer.byteLength(m.payload), receivedAt: m.at, retained: m.retain }));
    expect(decoded.filter((d) => !d.ok)).toEqual([]);
    for (const asset of layout.assets) {
      const mine = decoded.flatMap((d) => (d.ok && d.message.assetId === asset.id ? [d.message] : []));
      expect(mine.some((m) => m.channel === 'telemetry'), asset.id).toBe(true);
      const states = mine.flatMap((m) => (m.channel === 'status' ? [m.state] : []));
      expect([states[0], states.at(-1)], asset.id).toEqual(['online', 'offline']);
    }
  }, 20_000);

  it.skipIf(!up)("publishes a device's last will on its own status topic when its link dies", async () => {
    const publisher = new PerDevicePublisher({ url: BROKER, site, qos: 1, clientIdPrefix: `${site}-will`, log: () => {} });
    const topic = `porttwin/v1/${site}/gate/GL-WILL/status`;
    const watcher = await watch(topic, `${site}-will`);
    publisher.publish({ topic, payload: JSON.stringify({ ts: Date.now(), state: 'online' }), retain: true, channel: 'status', kind: 'gate', assetId: 'GL-WILL' });
    await publisher.flush();
    expect(publisher.dropLink('GL-WILL')).toBe(true);
    const deadline = Date.now() + 5000;
    while (watcher.received.length < 2 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
    await watcher.end();
    await publisher.close();
    expect(watcher.received.map((m) => JSON.parse(m.payload).state)).toEqual(['online', 'offline']);
    expect(JSON.parse(watcher.received[1]!.payload)).toMatchObject({ reason: 'connection lost' });
  }, 15_000);
});
