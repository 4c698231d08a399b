// Load mode against the machine's Mosquitto: it spreads the messages over every device, never
// runs ahead of the target rate, and every message meets the device contract. Whether a
// machine reaches the target is a benchmark's question (`pnpm bench`), not a test's: under
// load the generator falls short by design rather than queue without bound.
import { decodeDeviceMessage } from '@porttwin/contracts';
import { describe, expect, it } from 'vitest';
import { startLoad } from './load-generator';
import { BROKER, mosquittoAvailable, testSite, waitUntil, watch } from './test-broker';

const up = await mosquittoAvailable('load mode');
const DEVICES = 400;
const RATE = 2000;

describe('load mode against Mosquitto', () => {
  it.skipIf(!up)(
    'publishes from every device, never above the target rate, each message by the contract',
    async () => {
      const site = testSite('load');
      const watcher = await watch(`porttwin/v1/${site}/#`, site);
      const expected = new Set(Array.from({ length: DEVICES }, (_, i) => `LOAD-${String(i + 1).padStart(6, '0')}`));
      const devices = () => new Set(watcher.received.map((m) => m.topic.split('/')[4]));
      const load = await startLoad({ mqttUrl: BROKER, site, devices: DEVICES, ratePerSec: RATE, qos: 1, clientId: `${site}-gen` });
      try {
        await waitUntil(
          'a message from every device',
          () => devices().size >= DEVICES,
          () => devices().size,
        );
      } finally {
        await load.stop();
      }
      const stats = await load.done;
      await watcher.end();
      expect(stats.failed).toBe(0);
      // A token bucket on the wall clock: never more sent than the rate owed by the time it stopped.
      expect(stats.sent).toBeLessThanOrEqual(Math.floor((stats.elapsedMs * RATE) / 1000));
      expect(stats.published).toBe(stats.sent);
      expect([...devices()].sort()).toEqual([...expected].sort());
      const bad = watcher.received.filter(
        (m) =>
          !decodeDeviceMessage({ topic: m.topic, payload: m.payload, payloadBytes: Buffer.byteLength(m.payload), receivedAt: m.at }).ok,
      );
      expect(bad).toEqual([]);
    },
    30_000,
  );
});
