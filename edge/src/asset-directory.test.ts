// A message cannot turn one asset into another: its site and kind must be its asset's, as the
// site layout, the device registry or the asset's first message says (issue 8, part 8).
import { createRequire } from 'node:module';
import { SMALL_PORT_SITE } from '@porttwin/contracts';
import { type Database, listAssets, listDeadLetters, replaceDeviceCredential } from '@porttwin/db';
import { testDatabases } from '@porttwin/db/testing';
import mqtt, { type MqttClient } from 'mqtt';
import pino from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type RunningGateway, startGateway } from './gateway';
import { readSiteLayout } from './site-file';
import { startTestBroker, type TestBroker } from './test-broker';
import { until } from './test-wait';

const silent = pino({ level: 'silent' });
const layout = readSiteLayout(createRequire(import.meta.url).resolve(SMALL_PORT_SITE));
const online = () => JSON.stringify({ ts: Date.now(), state: 'online' });
const status = (site: string, kind: string, assetId: string) => `porttwin/v1/${site}/${kind}/${assetId}/status`;

function registerDevice(db: Database, site: string, kind: 'camera' | 'gate', assetId: string) {
  return replaceDeviceCredential(db, {
    username: `device.${site}.${assetId}`,
    passwordHash: 'not-checked-here',
    mosquittoHash: 'not-checked-here',
    scope: { type: 'device', site, kind, assetId },
  });
}

for (const engine of await testDatabases()) {
  describe(`assets from the site layout and the device registry, on ${engine.name}`, () => {
    let broker: TestBroker;
    let opened: Awaited<ReturnType<typeof engine.open>>;
    let db: Database;
    let bridge: MqttClient;
    let gateway: RunningGateway;
    const range = () => ({ from: 0, to: Date.now() + 60_000, limit: 100 });
    /** Publishes each in turn and waits until the gateway has dealt with all of them. */
    const publish = async (...topics: string[]) => {
      const before = gateway.stats();
      for (const topic of topics) await bridge.publishAsync(topic, online(), { qos: 1 });
      await until(() => {
        const now = gateway.stats();
        return now.stored + now.deadLetters - before.stored - before.deadLetters === topics.length;
      });
    };
    const reasons = async () => (await listDeadLetters(db, range())).map((letter) => [letter.topic, letter.reason]).sort();
    const storedAssets = async () => (await listAssets(db)).map((asset) => `${asset.id} ${asset.kind} ${asset.site}`);

    beforeEach(async () => {
      broker = await startTestBroker();
      opened = await engine.open();
      db = opened.db;
      gateway = await startGateway({ protocolVersion: 4, mqttUrl: broker.url, db, gatewayId: 'edge-assets', layout, log: silent });
      bridge = await mqtt.connectAsync(broker.url, { clientId: 'bridge' });
    });
    afterEach(async () => {
      await bridge.endAsync();
      await gateway.stop();
      await broker.close();
      await opened.dispose();
    });

    it('dead-letters a crane of the layout published as a truck, naming what the crane is', async () => {
      await publish(status('demo-port', 'truck', 'QC-01'), status('demo-port', 'qc', 'QC-01'), status('other-port', 'qc', 'QC-02'));

      expect(await reasons()).toEqual([
        [status('demo-port', 'truck', 'QC-01'), 'asset QC-01 is a qc of site demo-port (site layout), not a truck'],
        [status('other-port', 'qc', 'QC-02'), 'asset QC-02 is a qc of site demo-port (site layout), not of site other-port'],
      ]);
      expect(await storedAssets()).toEqual(['QC-01 qc demo-port']);
      expect(gateway.stats()).toMatchObject({ stored: 1, deadLetters: 2 });
    });

    it('takes a truck new to the site as new, and holds it to its first kind from then on', async () => {
      await publish(
        status('demo-port', 'truck', 'TRK-001'),
        status('demo-port', 'vessel', 'TRK-001'),
        status('demo-port', 'truck', 'TRK-001'),
      );

      expect(await reasons()).toEqual([
        [status('demo-port', 'vessel', 'TRK-001'), 'asset TRK-001 is a truck of site demo-port (first message), not a vessel'],
      ]);
      expect(await storedAssets()).toEqual(['TRK-001 truck demo-port']);
    });

    it('holds a device registered after the gateway started to its registered kind', async () => {
      await registerDevice(db, 'demo-port', 'camera', 'CAM-99');
      await publish(status('demo-port', 'gate', 'CAM-99'), status('demo-port', 'camera', 'CAM-99'));

      expect(await reasons()).toEqual([
        [status('demo-port', 'gate', 'CAM-99'), 'asset CAM-99 is a camera of site demo-port (device registry), not a gate'],
      ]);
      expect(await storedAssets()).toEqual(['CAM-99 camera demo-port']);
    });

    it('dead-letters a new asset of a site neither the layout nor the registry names, and takes one of a registered site', async () => {
      await registerDevice(db, 'north-port', 'gate', 'N-GL-1');
      await publish(status('rogue-port', 'truck', 'TRK-9'), status('north-port', 'truck', 'N-TRK-1'));

      expect(await reasons()).toEqual([
        [
          status('rogue-port', 'truck', 'TRK-9'),
          'asset TRK-9 is in neither the site layout nor the device registry, and site rogue-port is not served here (demo-port, north-port)',
        ],
      ]);
      expect(await storedAssets()).toEqual(['N-TRK-1 truck north-port']);
    });

    it('keeps an asset stored before a restart to the kind it was stored as', async () => {
      await publish(status('demo-port', 'truck', 'TRK-002'));
      await gateway.stop();
      gateway = await startGateway({ protocolVersion: 4, mqttUrl: broker.url, db, gatewayId: 'edge-assets', layout, log: silent });
      await publish(status('demo-port', 'vessel', 'TRK-002'));

      expect(await reasons()).toEqual([
        [status('demo-port', 'vessel', 'TRK-002'), 'asset TRK-002 is a truck of site demo-port (first message), not a vessel'],
      ]);
    });
  });
}
