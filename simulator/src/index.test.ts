// The simulator against a real broker: the machine's Mosquitto at 127.0.0.1:1883 when it is
// running (aedes is not a dependency of the simulator). Skipped, with the reason printed, if not.
import { readFileSync } from 'node:fs';
import { decodeDeviceMessage, type SiteLayout } from '@porttwin/contracts';
import mqtt from 'mqtt';
import { afterAll, describe, expect, it } from 'vitest';
import { SMALL_PORT_SITE_FILE, presenceTopic, startSimulator } from './index';
import { BROKER, mosquittoAvailable } from './test-broker';

const mosquittoUp = await mosquittoAvailable('startSimulator against Mosquitto');

describe('startSimulator against Mosquitto', () => {
  // A site of its own, so the test neither sees nor disturbs other traffic on the broker.
  const site = `sim-test-${process.pid}-${Date.now().toString(36)}`.slice(0, 32);
  const layout: SiteLayout = { ...(JSON.parse(readFileSync(SMALL_PORT_SITE_FILE, 'utf8')) as SiteLayout), site };
  const retainedTopics = new Set<string>([presenceTopic(site)]);

  afterAll(async () => {
    if (!mosquittoUp) return;
    // Clear what the run left retained: an empty retained payload deletes it.
    const cleaner = await mqtt.connectAsync(BROKER, { clientId: `${site}-cleaner` });
    await Promise.all([...retainedTopics].map((topic) => cleaner.publishAsync(topic, '', { qos: 1, retain: true })));
    await cleaner.endAsync();
  });

  it.skipIf(!mosquittoUp)('publishes contract messages a subscriber can decode, and offline statuses on stop', async () => {
    const watcher = await mqtt.connectAsync(BROKER, { clientId: `${site}-watcher` });
    const received: { topic: string; payload: string; retain: boolean }[] = [];
    watcher.on('message', (topic, payload, packet) => received.push({ topic, payload: payload.toString('utf8'), retain: packet.retain }));
    await watcher.subscribeAsync(`porttwin/v1/${site}/#`, { qos: 1 });

    const simulator = await startSimulator({ mqttUrl: BROKER, layout, telemetryIntervalMs: 200, seed: 2, clientId: `${site}-sim` });
    await new Promise((resolve) => setTimeout(resolve, 2500));
    await simulator.stop();
    await new Promise((resolve) => setTimeout(resolve, 300));
    await watcher.endAsync();

    for (const message of received) if (message.topic.endsWith('/status')) retainedTopics.add(message.topic);
    expect(received.length).toBeGreaterThan(50);
    expect(simulator.published()).toBeGreaterThanOrEqual(received.length);
    const decoded = received.map((m) =>
      decodeDeviceMessage({ topic: m.topic, payload: m.payload, payloadBytes: Buffer.byteLength(m.payload), receivedAt: Date.now(), retained: m.retain }),
    );
    expect(decoded.filter((d) => !d.ok)).toEqual([]);
    const kinds = new Set(decoded.flatMap((d) => (d.ok ? [d.message.kind] : [])));
    for (const kind of ['gate', 'qc', 'yc', 'scanner', 'rpm', 'camera', 'vessel']) expect(kinds).toContain(kind);
    for (const asset of layout.assets) {
      const statuses = decoded.flatMap((d) => (d.ok && d.message.channel === 'status' && d.message.assetId === asset.id ? [d.message.state] : []));
      expect(statuses[0], asset.id).toBe('online');
      expect(statuses.at(-1), asset.id).toBe('offline');
    }
  }, 20_000);
});
