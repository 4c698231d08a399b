// The simulator against a real broker: the machine's Mosquitto at 127.0.0.1:1883 when it is
// running (aedes is not a dependency of the simulator). Skipped, with the reason printed, if not.
import { readFileSync } from 'node:fs';
import { type AssetKind, decodeDeviceMessage, type DeviceMessage, type SiteLayout } from '@porttwin/contracts';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { SMALL_PORT_SITE_FILE, startSimulator, type TruthRecord } from './index';
import { BROKER, clearRetained, mosquittoAvailable, testSite, waitUntil, watch } from './test-broker';

const mosquittoUp = await mosquittoAvailable('startSimulator against Mosquitto');
const KINDS: AssetKind[] = ['gate', 'qc', 'yc', 'scanner', 'rpm', 'camera', 'vessel'];

describe('startSimulator against Mosquitto', () => {
  // A site of its own, so the test neither sees nor disturbs other traffic on the broker.
  const site = testSite('idx');
  const layout: SiteLayout = { ...(JSON.parse(readFileSync(SMALL_PORT_SITE_FILE, 'utf8')) as SiteLayout), site };

  afterAll(async () => {
    // What the runs left retained: device statuses and the simulator's own presence.
    if (mosquittoUp) await clearRetained(site);
  });

  it.skipIf(!mosquittoUp)(
    'publishes contract messages a subscriber can decode, and offline statuses on stop',
    async () => {
      const watcher = await watch(`porttwin/v1/${site}/#`, site);
      const decoded: DeviceMessage[] = [];
      const rejected: string[] = [];
      let read = 0;
      const decodeNew = (): void => {
        for (const m of watcher.received.slice(read)) {
          const result = decodeDeviceMessage({
            topic: m.topic,
            payload: m.payload,
            payloadBytes: Buffer.byteLength(m.payload),
            receivedAt: m.at,
            retained: m.retain,
          });
          if (result.ok) decoded.push(result.message);
          else rejected.push(`${m.topic}: ${result.reason}`);
        }
        read = watcher.received.length;
      };
      const states = (assetId: string): string[] =>
        decoded.flatMap((d) => (d.channel === 'status' && d.assetId === assetId ? [d.state] : []));
      const telemetryKinds = (): Set<AssetKind> => new Set(decoded.flatMap((d) => (d.channel === 'telemetry' ? [d.kind] : [])));

      const simulator = await startSimulator({ mqttUrl: BROKER, layout, telemetryIntervalMs: 200, seed: 2, clientId: `${site}-sim` });
      try {
        await waitUntil(
          'telemetry of every kind, and every asset online',
          () => (
            decodeNew(),
            KINDS.every((kind) => telemetryKinds().has(kind)) && layout.assets.every((asset) => states(asset.id).length > 0)
          ),
          () => ({ kinds: [...telemetryKinds()], rejected }),
        );
      } finally {
        await simulator.stop();
      }
      await waitUntil(
        'every asset offline',
        () => (decodeNew(), layout.assets.every((asset) => states(asset.id).at(-1) === 'offline')),
        () => layout.assets.map((asset) => [asset.id, states(asset.id).at(-1)]),
      );
      await watcher.end();

      expect(rejected).toEqual([]);
      for (const asset of layout.assets) expect(states(asset.id)[0], asset.id).toBe('online');
    },
    30_000,
  );

  it.skipIf(!mosquittoUp)(
    'runs from a fixed start to the same ground truth whatever the wall clock and time zone say',
    async () => {
      // 08:00 at the site (UTC+8 from its longitude): the morning's traffic.
      const start = Date.UTC(2026, 10, 22, 0, 0, 0);
      const run = async (): Promise<{ truth: TruthRecord[]; end: number }> => {
        const truth: TruthRecord[] = [];
        const simulator = await startSimulator({
          mqttUrl: BROKER,
          layout,
          speed: 'max',
          startMs: start,
          durationSec: 900,
          telemetryIntervalMs: 30_000,
          seed: 5,
          clientId: `${site}-fixed`,
          truth: (record) => truth.push(record),
        });
        await simulator.done;
        return { truth, end: simulator.simulatedNow() };
      };
      const now = await run();
      // The same run seven and a half hours later, on a machine set to another zone.
      const wallClock = Date.now.bind(Date);
      const zone = process.env.TZ;
      vi.spyOn(Date, 'now').mockImplementation(() => wallClock() + 7.5 * 3_600_000);
      process.env.TZ = 'America/Los_Angeles';
      let later: Awaited<ReturnType<typeof run>>;
      try {
        later = await run();
      } finally {
        vi.restoreAllMocks();
        if (zone === undefined) delete process.env.TZ;
        else process.env.TZ = zone;
      }
      expect(now.truth[0]).toMatchObject({ t: start, type: 'run.started', seed: 5 });
      expect(now.end).toBe(start + 900_000);
      expect(now.truth.filter((record) => record.type === 'truck').length).toBeGreaterThan(0);
      expect(later.end).toBe(now.end);
      expect(later.truth).toEqual(now.truth);
    },
    60_000,
  );

  it('refuses a start after the wall clock, naming it, before it connects', async () => {
    const future = Date.now() + 3_600_000;
    await expect(startSimulator({ mqttUrl: 'mqtt://127.0.0.1:1', layout, speed: 'max', startMs: future, durationSec: 60 })).rejects.toThrow(
      `startMs ${new Date(future).toISOString()} is after the wall clock`,
    );
  });
});
