// Passwords and tokens never reach the logs (issue 8, part 9): the real console at its most
// talkative log level is put through everything that handles a secret — failed and good
// sign-ins, the session cookie and bearer, a CSRF-refused change, kiosk tokens issued and
// traded for a session, device and publisher credentials issued and used by a simulator run
// and a refused device — then everything the console and the simulator printed is read.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import mqtt from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issueDeviceCredential, issuePublisherCredential, mqttUrlWith } from '../support/console-credentials';
import { type ConsoleProcess, startConsoleProcess } from '../support/console-process';
import { spawnWorkspaceProcess } from '../support/workspace-process';

const PASSWORD = 'logs-harbour-master-secret';
const WRONG_PASSWORD = 'a-wrong-guess-that-is-secret';

describe('secrets in the logs', { timeout: 180_000 }, () => {
  let dataDir: string;
  let console: ConsoleProcess;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'porttwin-secret-logs-'));
    console = await startConsoleProcess({ DATA_DIR: dataDir, PORTTWIN_ADMIN_PASSWORD: PASSWORD, SIMULATOR: 'off', LOG_LEVEL: 'trace' });
  });
  afterAll(async () => {
    await console?.stop();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  const post = (path: string, body: object | null, headers: Record<string, string> = {}) =>
    fetch(`${console.url}${path}`, {
      method: 'POST',
      headers: { ...(body ? { 'content-type': 'application/json' } : {}), ...headers },
      ...(body ? { body: JSON.stringify(body) } : {}),
    });

  it('prints none of the passwords, tokens and credentials it handled', async () => {
    const secrets: Record<string, string> = { 'admin password': PASSWORD, 'wrong password': WRONG_PASSWORD };

    expect((await post('/api/auth/login', { username: 'admin', password: WRONG_PASSWORD })).status).toBe(401);
    const signedIn = await post('/api/auth/login', { username: 'admin', password: PASSWORD });
    const session = (await signedIn.json()) as { token: string; csrfToken: string };
    secrets['session token'] = session.token;
    secrets['CSRF token'] = session.csrfToken;
    const bearer = { authorization: `Bearer ${session.token}` };
    const cookie = { cookie: `porttwin_session=${session.token}` };

    // The cookie without the CSRF token is refused (and that refusal logged, at most, by its code).
    expect((await post('/api/auth/kiosk-tokens', { name: 'refused-wall' }, cookie)).status).toBe(403);
    const kiosk = (await (await post('/api/auth/kiosk-tokens', { name: 'quay-wall' }, bearer)).json()) as { token: string };
    secrets['kiosk token'] = kiosk.token;
    const wall = (await (await post('/api/auth/kiosk-session', { token: kiosk.token })).json()) as { token: string };
    secrets["wall screen's session token"] = wall.token;
    expect((await fetch(`${console.url}/api/assets`, { headers: { cookie: `porttwin_session=${wall.token}` } })).status).toBe(200);

    const device = await issueDeviceCredential(console.url, session.token, 'GL-IN-1');
    secrets['device password'] = device.password;
    const publisher = await issuePublisherCredential(console.url, session.token, 'demo-port', 'log-test');
    secrets['publisher password'] = publisher.password;

    // A device with a wrong password is refused by the broker; the password it tried is a secret too.
    const brokerUrl = `mqtt://127.0.0.1:${console.mqttPort}`;
    secrets['password a device tried'] = 'device-guess-that-is-secret';
    const refused = await mqtt
      .connectAsync(brokerUrl, { username: device.username, password: secrets['password a device tried'], reconnectPeriod: 0 })
      .then(async (client) => {
        await client.endAsync();
        return 'accepted';
      })
      .catch((error: Error) => error.message);
    expect(refused).toMatch(/Bad username or password|Not authorized/);

    // A simulator run signed in by the publisher credential in its URL, at its most talkative.
    const simulate = spawnWorkspaceProcess('simulator/src/main.ts', { LOG_LEVEL: 'trace' }, [
      '--mqtt-url',
      mqttUrlWith(brokerUrl, publisher),
      '--load-devices',
      '2',
      '--load-rate',
      '50',
      '--duration',
      '1',
    ]);
    expect(await simulate.exited).toBe(0);

    expect((await post('/api/auth/logout', null, bearer)).status).toBe(204);

    const printed = { console: console.output(), simulator: simulate.output() };
    // The logs did see the refused device (by name and reason), so their silence about its password means something.
    expect(printed.console).toContain(`"username":"${device.username}","reason":"unknown user name or wrong password"`);
    const leaks = Object.entries(secrets).flatMap(([what, secret]) =>
      Object.entries(printed)
        .filter(([, output]) => output.includes(secret))
        .map(([where]) => `${what} in the ${where}'s output`),
    );
    expect(leaks).toEqual([]);
  });
});
