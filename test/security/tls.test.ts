// TLS with the real processes (issue 8, transport), with a self-signed certificate made at
// test time: the console as `npm start` runs it with TLS_CERT_FILE/TLS_KEY_FILE and
// MQTT_PORT=off serves HTTPS and MQTT over TLS only; and Mosquitto with the TLS listener of
// docs/production.md and the registry's files carries `pnpm simulate --mqtt-ca` to
// `pnpm edge` with MQTT_CA_FILE, every message stored once in PostgreSQL.
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createScratchDatabase, postgresReachable, type ScratchDatabase } from '@porttwin/db/testing';
import { createTestCertificate, type TestCertificate } from '@porttwin/edge/testing';
import { SMALL_PORT_SITE_FILE } from '@porttwin/simulator';
import mqtt, { type IClientOptions } from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type MqttCredential, mqttUrlWith } from '../support/console-credentials';
import { type ConsoleProcess, startConsoleProcess } from '../support/console-process';
import { issueWithCli, runDevicesCli } from '../support/devices-cli';
import { startEdgeProcess } from '../support/edge-process';
import { freePort } from '../support/free-port';
import { httpsJson, httpsRequest } from '../support/https-json';
import { MOSQUITTO_BINARY, type MosquittoInstance, startMosquitto } from '../support/mosquitto-instance';
import { requireWhenDemanded } from '../support/reachable';
import { storedTelemetry } from '../support/stored-telemetry';
import { waitFor } from '../support/wait-for';
import { spawnWorkspaceProcess } from '../support/workspace-process';

const PASSWORD = 'tls-harbour-master';
const telemetry = (seq: number) => JSON.stringify({ ts: Date.now(), seq, metrics: { queueLength: seq, laneOpen: 1 } });

/** The broker's answer to a CONNECT over TLS: null when accepted (the client is then closed). */
async function refusal(url: string, options: IClientOptions): Promise<string | null> {
  try {
    await (await mqtt.connectAsync(url, { reconnectPeriod: 0, connectTimeout: 5000, ...options })).endAsync();
    return null;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code ?? (error as Error).message;
  }
}

describe('the console with a certificate and MQTT_PORT=off', () => {
  let certificate: TestCertificate;
  let dataDir: string;
  let mqttsPort: number;
  let console: ConsoleProcess;
  let token: string;
  let gateLane: MqttCredential;

  beforeAll(async () => {
    certificate = createTestCertificate();
    dataDir = mkdtempSync(join(tmpdir(), 'porttwin-tls-console-'));
    mqttsPort = await freePort();
    console = await startConsoleProcess({
      DATA_DIR: dataDir,
      PORTTWIN_ADMIN_PASSWORD: PASSWORD,
      SITE_FILE: SMALL_PORT_SITE_FILE,
      SIMULATOR: 'off',
      TLS_CERT_FILE: certificate.certFile,
      TLS_KEY_FILE: certificate.keyFile,
      MQTTS_PORT: String(mqttsPort),
      MQTT_PORT: 'off',
    });
    const login = { username: 'admin', password: PASSWORD };
    token = (await httpsJson<{ token: string }>(`${console.url}/api/auth/login`, { ca: certificate.cert, method: 'POST', json: login }))
      .token;
    gateLane = await httpsJson<MqttCredential>(`${console.url}/api/devices/GL-IN-1/credentials`, {
      ca: certificate.cert,
      method: 'POST',
      token,
    });
  }, 90_000);
  afterAll(async () => {
    await console?.stop();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
    certificate?.dispose();
  });

  it('prints https:// and mqtts:// addresses, and the plain port as loopback only', () => {
    expect(console.url).toMatch(/^https:\/\/localhost:\d+$/);
    expect(console.output()).toMatch(
      new RegExp(
        `MQTT broker: embedded at mqtt://127\\.0\\.0\\.1:\\d+ \\(loopback only: MQTT_PORT=off\\) and mqtts://localhost:${mqttsPort};`,
      ),
    );
  });

  it('answers /api/health over TLS with its own gateway connected over the loopback port', async () => {
    const health = await httpsRequest(`${console.url}/api/health`, { ca: certificate.cert });
    expect(health.status).toBe(200);
    expect(JSON.parse(health.body)).toMatchObject({ status: 'ok', broker: 'connected', database: 'ok' });
  });

  it('stores what a device sends over mqtts with its credential, verifying the certificate', async () => {
    const device = await mqtt.connectAsync(`mqtts://localhost:${mqttsPort}`, {
      ...gateLane,
      clientId: 'GL-IN-1',
      ca: certificate.cert,
      reconnectPeriod: 0,
    });
    await device.publishAsync('porttwin/v1/demo-port/gate/GL-IN-1/telemetry', telemetry(7), { qos: 1 });
    await device.endAsync();
    const rows = await waitFor(
      'the message in the history',
      () =>
        httpsJson<{ seq: number }[]>(`${console.url}/api/telemetry?asset=GL-IN-1&from=${Date.now() - 3_600_000}`, {
          ca: certificate.cert,
          token,
        }),
      (stored) => stored.length > 0,
      20_000,
    );
    expect(rows.map((row) => row.seq)).toEqual([7]);
  });

  it('is refused by a client that does not trust the certificate, on HTTPS and on MQTTS', async () => {
    await expect(fetch(`${console.url}/api/health`)).rejects.toMatchObject({ cause: { code: 'DEPTH_ZERO_SELF_SIGNED_CERT' } });
    expect(await refusal(`mqtts://localhost:${mqttsPort}`, gateLane)).toBe('DEPTH_ZERO_SELF_SIGNED_CERT');
  });
});

const available = requireWhenDemanded(
  'PostgreSQL and the mosquitto binary',
  '127.0.0.1',
  (await postgresReachable()) && MOSQUITTO_BINARY !== null,
);

describe.skipIf(!available)("Mosquitto's TLS listener with pnpm simulate and pnpm edge", () => {
  let certificate: TestCertificate;
  let dir: string;
  let scratch: ScratchDatabase;
  let mosquitto: MosquittoInstance;
  let tlsPort: number;
  let publisher: MqttCredential;
  let edgeCredential: MqttCredential;

  beforeAll(async () => {
    certificate = createTestCertificate();
    dir = mkdtempSync(join(tmpdir(), 'porttwin-tls-mosquitto-'));
    // The simulator's load mode publishes under the site "load-test"; a publisher credential is
    // for a site of the registry's layout, so the registry gets the small port renamed so.
    const siteFile = join(dir, 'load-test-site.json');
    writeFileSync(siteFile, JSON.stringify({ ...JSON.parse(readFileSync(SMALL_PORT_SITE_FILE, 'utf8')), site: 'load-test' }));
    const registry = { DATA_DIR: join(dir, 'data'), SITE_FILE: siteFile };
    publisher = await issueWithCli(['publisher', 'load-test', 'bridge'], registry);
    edgeCredential = await issueWithCli(['gateway', 'edge-tls'], registry);
    const files = join(dir, 'mosquitto');
    await runDevicesCli(['mosquitto-files', files], registry);
    // Started as root, Mosquitto reads the files as its own user (in production: chown mosquitto).
    for (const path of [dir, files, join(certificate.keyFile, '..')]) chmodSync(path, 0o755);
    for (const path of [join(files, 'porttwin.passwd'), certificate.keyFile]) chmodSync(path, 0o644);
    tlsPort = await freePort();
    // The listener of docs/production.md, on loopback.
    const listener = [
      `listener ${tlsPort} 127.0.0.1`,
      `cafile ${certificate.certFile}`,
      `certfile ${certificate.certFile}`,
      `keyfile ${certificate.keyFile}`,
      'tls_version tlsv1.2',
    ].join('\n');
    mosquitto = await startMosquitto({ auth: `${readFileSync(join(files, 'porttwin-auth.conf'), 'utf8')}\n${listener}\n` });
    scratch = await createScratchDatabase();
  }, 120_000);
  afterAll(async () => {
    await mosquitto?.dispose();
    await scratch?.drop();
    if (dir) rmSync(dir, { recursive: true, force: true });
    certificate?.dispose();
  });

  it('refuses a client that does not trust its certificate', async () => {
    expect(await refusal(`mqtts://localhost:${tlsPort}`, publisher)).toBe('DEPTH_ZERO_SELF_SIGNED_CERT');
  });

  it('carries every message of a simulator run over TLS into the database, each once', { timeout: 120_000 }, async () => {
    const brokerUrl = `mqtts://localhost:${tlsPort}`;
    const edge = await startEdgeProcess({
      MQTT_URL: mqttUrlWith(brokerUrl, edgeCredential),
      MQTT_CA_FILE: certificate.certFile,
      DATABASE_URL: scratch.url,
      EDGE_GATEWAY_ID: 'edge-tls',
      EDGE_JOURNAL_DIR: join(dir, 'journal'),
      LOG_LEVEL: 'warn',
    });
    try {
      // Load mode: 4 devices numbering their messages 1, 2, …; one connection, as Mosquitto's
      // use_username_as_clientid allows one per credential.
      const args = ['--mqtt-url', mqttUrlWith(brokerUrl, publisher), '--mqtt-ca', certificate.certFile];
      const load = ['--load-devices', '4', '--load-rate', '200', '--load-connections', '1', '--duration', '2', '--qos', '1'];
      const simulate = spawnWorkspaceProcess('simulator/src/main.ts', {}, [...args, ...load]);
      expect(await simulate.exited).toBe(0);
      const published = Number(/load: done: (\d+) published/.exec(simulate.output())?.[1]);
      expect(published).toBeGreaterThan(0);
      const stored = await waitFor(
        'every published message stored',
        () => storedTelemetry(scratch.url),
        (seen) => seen.rows >= published,
        60_000,
      );
      expect(stored).toEqual({ rows: published, messages: published, devices: 4, firstSeq: 1, lastSeq: Math.ceil(published / 4) });
      expect(simulate.output()).not.toContain(publisher.password);
      expect(edge.output()).not.toContain(edgeCredential.password);
    } finally {
      expect(await edge.stop()).toBe(0);
    }
  });
});

describe('pnpm simulate --mqtt-ca', () => {
  it('names a CA file it cannot read, and exits before connecting', async () => {
    const simulate = spawnWorkspaceProcess('simulator/src/main.ts', { MQTT_CA_FILE: '/nonexistent/ca.pem' }, [
      '--mqtt-url',
      'mqtts://localhost:8883',
    ]);
    expect(await simulate.exited).toBe(2);
    expect(simulate.output()).toContain('simulator: --mqtt-ca (MQTT_CA_FILE) "/nonexistent/ca.pem" cannot be read: ENOENT');
  });
});
