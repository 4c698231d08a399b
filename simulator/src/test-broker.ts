// Test helper for the suites that need a real broker (`*.mosquitto.test.ts`, run one file at a
// time in vitest's system project): the machine's Mosquitto at 127.0.0.1:1883. Missing, those
// suites skip with the reason printed; with PORTTWIN_REQUIRE_REAL_SERVICES=1 they fail instead.
import { connect as tcpConnect } from 'node:net';
import mqtt from 'mqtt';

export const BROKER = 'mqtt://127.0.0.1:1883';

function reachable(port: number, host: string): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = tcpConnect({ port, host, timeout: 1000 });
    const done = (ok: boolean): void => {
      socket.destroy();
      resolve(ok);
    };
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
    socket.once('timeout', () => done(false));
  });
}

/** True when Mosquitto answers; throws when it does not and real services are required. */
export async function mosquittoAvailable(suite: string): Promise<boolean> {
  const up = await reachable(1883, '127.0.0.1');
  if (!up && process.env.PORTTWIN_REQUIRE_REAL_SERVICES === '1') {
    throw new Error(`simulator test (${suite}): Mosquitto at ${BROKER} is required (PORTTWIN_REQUIRE_REAL_SERVICES=1)`);
  }
  if (!up) console.warn(`skipping ${suite}: no MQTT broker listening at ${BROKER}`);
  return up;
}

/** A site id of the test's own, so it neither sees nor disturbs other traffic on the broker. */
export function testSite(tag: string): string {
  return `sim-${tag}-${process.pid}-${Date.now().toString(36)}`.slice(0, 32);
}

/** Deletes every retained message under the site (an empty retained payload deletes one). */
export async function clearRetained(site: string): Promise<number> {
  const cleaner = await mqtt.connectAsync(BROKER, { clientId: `${site}-cleaner` });
  const topics = new Set<string>();
  cleaner.on('message', (topic, payload, packet) => {
    if (packet.retain && payload.length > 0) topics.add(topic);
  });
  await cleaner.subscribeAsync([`porttwin/v1/${site}/#`, `porttwin/sim/${site}/#`], { qos: 1 });
  await new Promise((resolve) => setTimeout(resolve, 500));
  await Promise.all([...topics].map((topic) => cleaner.publishAsync(topic, '', { qos: 1, retain: true })));
  await cleaner.endAsync();
  return topics.size;
}

/** A subscriber that keeps what it receives. */
export async function watch(filter: string, tag: string) {
  const watcher = await mqtt.connectAsync(BROKER, { clientId: `${tag}-watcher` });
  const received: { topic: string; payload: string; retain: boolean; at: number }[] = [];
  watcher.on('message', (topic, payload, packet) =>
    received.push({ topic, payload: payload.toString('utf8'), retain: packet.retain, at: Date.now() }),
  );
  await watcher.subscribeAsync(filter, { qos: 1 });
  return { received, end: () => watcher.endAsync() };
}

/** Polls until `condition` holds; fails naming `what`, with what was last seen, after timeoutMs. */
export async function waitUntil(
  what: string,
  condition: () => boolean,
  seen: () => unknown = () => undefined,
  timeoutMs = 15_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; last seen: ${JSON.stringify(seen())?.slice(0, 500)}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
