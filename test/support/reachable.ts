// Whether the machine's real services answer, so suites can also run against them.
import { connect } from 'node:net';

export async function tcpReachable(host: string, port: number, timeoutMs = 1500): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    const done = (reachable: boolean) => {
      socket.destroy();
      resolve(reachable);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

export const REAL_MOSQUITTO_URL = process.env.TEST_MQTT_URL ?? 'mqtt://127.0.0.1:1883';

export async function mosquittoReachable(): Promise<boolean> {
  const url = new URL(REAL_MOSQUITTO_URL);
  return requireWhenDemanded('Mosquitto', REAL_MOSQUITTO_URL, await tcpReachable(url.hostname, Number(url.port || 1883)));
}

/**
 * CI sets PORTTWIN_REQUIRE_REAL_SERVICES where the services are installed: there an
 * unreachable one is a failure, not a reason to skip.
 */
export function requireWhenDemanded(service: string, address: string, reachable: boolean): boolean {
  if (!reachable && process.env.PORTTWIN_REQUIRE_REAL_SERVICES === '1') {
    throw new Error(`test: ${service} at ${address} is required (PORTTWIN_REQUIRE_REAL_SERVICES=1) but does not answer`);
  }
  return reachable;
}
