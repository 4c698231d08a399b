// The console as `npm start` runs it, tried as an attacker on the port network would: the
// embedded broker refuses anonymous clients, holds an issued device to its own topics, keeps
// the gateway's client id to the gateway, and counts each refusal in /metrics; meanwhile the
// simulator, one connection and one issued credential per device, keeps the twin live.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AssetState } from '@porttwin/contracts';
import { SMALL_PORT_SITE_FILE } from '@porttwin/simulator';
import mqtt, { type IClientOptions } from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getJson, openLiveStream, signIn, type LiveStream } from '../support/console-client';
import { issueDeviceCredential, type MqttCredential } from '../support/console-credentials';
import { type ConsoleProcess, startConsoleProcess } from '../support/console-process';
import { waitFor } from '../support/wait-for';

const PASSWORD = 'broker-harbour-master';

describe("the console's embedded broker against an attacker on the port network", () => {
  let dataDir: string;
  let console: ConsoleProcess;
  let token: string;
  let live: LiveStream;
  let brokerUrl: string;
  let gateLane: MqttCredential;

  /** The broker's answer to a CONNECT: null when accepted (the client is then closed). */
  const refusal = async (options: IClientOptions): Promise<string | null> => {
    try {
      await (await mqtt.connectAsync(brokerUrl, { reconnectPeriod: 0, ...options })).endAsync();
      return null;
    } catch (error) {
      return (error as Error).message;
    }
  };
  const refusedTotals = async () => {
    const text = await (await fetch(`${console.url}/metrics`, { headers: { authorization: `Bearer ${token}` } })).text();
    const read = (action: string) =>
      Number(new RegExp(`^porttwin_broker_refused_total\\{action="${action}"\\} (\\d+)$`, 'm').exec(text)?.[1] ?? Number.NaN);
    return {
      connect: read('connect'),
      publish: read('publish'),
      subscribe: read('subscribe'),
      oversize: read('oversize'),
      rate: read('rate'),
      retain: read('retain'),
    };
  };

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'porttwin-broker-'));
    console = await startConsoleProcess({
      DATA_DIR: dataDir,
      PORTTWIN_ADMIN_PASSWORD: PASSWORD,
      SITE_FILE: SMALL_PORT_SITE_FILE,
      SIMULATOR: 'on',
      SIMULATOR_CONNECTIONS: 'per-device',
      LOG_LEVEL: 'info',
    });
    brokerUrl = `mqtt://127.0.0.1:${console.mqttPort}`;
    token = await signIn(console.url, PASSWORD);
    live = await openLiveStream(console.url, token);
    gateLane = await issueDeviceCredential(console.url, token, 'GL-IN-1');
  });
  afterAll(async () => {
    live?.close();
    await console?.stop();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it('keeps the twin live from a simulator whose every device signs in as itself', async () => {
    const kinds = await waitFor(
      'every kind of simulated device on the live stream',
      () =>
        new Set(
          [...live.snapshot.assets, ...live.updates].filter((asset: AssetState) => asset.status === 'online').map((asset) => asset.kind),
        ),
      (seen) => ['gate', 'qc', 'yc', 'scanner', 'rpm', 'camera', 'truck'].every((kind) => seen.has(kind)),
      60_000,
    );
    expect(kinds.size).toBeGreaterThanOrEqual(7);
    // Every link of the simulator signed in and stayed inside its topics and the broker's limits.
    expect(await refusedTotals()).toEqual({ connect: 0, publish: 0, subscribe: 0, oversize: 0, rate: 0, retain: 0 });
    expect(console.output()).toContain('(and one connection per device)');
  });

  it('refuses anonymous clients and a wrong password, and counts them', async () => {
    const before = await refusedTotals();
    expect(await refusal({ clientId: 'sniffer' })).toMatch(/Not authorized/i);
    expect(await refusal({ clientId: 'guesser', username: gateLane.username, password: 'porttwin' })).toMatch(/Bad username or password/i);
    expect((await refusedTotals()).connect).toBe(before.connect + 2);
  });

  it("refuses the gateway's client id to a device, leaving the gateway storing", async () => {
    expect(await refusal({ ...gateLane, clientId: 'porttwin-edge' })).toMatch(/Not authorized/i);
    expect(await getJson(`${console.url}/api/health`, token)).toMatchObject({ status: 'ok', broker: 'connected' });
  });

  it("holds an issued device to its own topic: # and another device's topic are refused", async () => {
    const before = await refusedTotals();
    const since = Date.now() - 60_000;
    const device = await mqtt.connectAsync(brokerUrl, { ...gateLane, clientId: 'GL-IN-1-test', reconnectPeriod: 0 });
    await expect(device.subscribeAsync('#', { qos: 1 })).rejects.toThrow(/Subscribe error/);
    const hungUp = new Promise<void>((resolve) => device.once('close', () => resolve()));
    device.publish(
      'porttwin/v1/demo-port/qc/QC-01/event',
      JSON.stringify({ ts: Date.now(), seq: 1, type: 'fault.raised', data: { code: 'E1', severity: 'high', message: 'forged' } }),
      { qos: 1 },
    );
    await hungUp;
    expect(await refusedTotals()).toMatchObject({ subscribe: before.subscribe + 1, publish: before.publish + 1 });
    const events = await getJson<{ data: { message?: string } }[]>(
      `${console.url}/api/events?asset=QC-01&type=fault.raised&from=${since}`,
      token,
    );
    expect(events.filter((event) => event.data.message === 'forged')).toEqual([]);
  });

  it("never prints a password: issued ones, and the simulator's own in its broker URL", () => {
    expect(console.output()).not.toContain(gateLane.password);
    expect(console.output()).toMatch(/simulator: connected to mqtt:\/\/publisher\.demo-port\.simulator:\*\*\*@127\.0\.0\.1/);
  });
});
