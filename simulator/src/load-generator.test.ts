// Load mode against the machine's Mosquitto: it reaches the target rate, spreads the messages
// over the devices, and every message meets the device contract.
import { decodeDeviceMessage } from '@porttwin/contracts';
import { describe, expect, it } from 'vitest';
import { startLoad } from './load-generator';
import { BROKER, mosquittoAvailable, testSite, watch } from './test-broker';

const up = await mosquittoAvailable('load mode');

describe('load mode against Mosquitto', () => {
  it.skipIf(!up)('publishes from every device at the target rate (within 10 %)', async () => {
    const site = testSite('load');
    const watcher = await watch(`porttwin/v1/${site}/#`, site);
    const load = await startLoad({ mqttUrl: BROKER, site, devices: 400, ratePerSec: 2000, durationSec: 2, qos: 1, clientId: `${site}-gen` });
    const stats = await load.done;
    await new Promise((resolve) => setTimeout(resolve, 300));
    await watcher.end();
    expect(stats.failed).toBe(0);
    expect(Math.abs(stats.achievedRate / 2000 - 1)).toBeLessThan(0.1);
    expect(watcher.received.length).toBe(stats.published);
    const devices = new Set(watcher.received.map((m) => m.topic.split('/')[4]));
    expect(devices.size).toBe(400);
    const bad = watcher.received.filter((m) => !decodeDeviceMessage({ topic: m.topic, payload: m.payload, payloadBytes: Buffer.byteLength(m.payload), receivedAt: m.at }).ok);
    expect(bad).toEqual([]);
  }, 15_000);
});
