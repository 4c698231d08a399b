// A Mosquitto of the test's own, from the machine's binary, with PortTwin's recommended
// configuration, on a free port and a data directory of its own: fault tests can stop
// and restart it without touching the machine's shared broker.
import { type ChildProcess, spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort } from './free-port';
import { tcpReachable } from './reachable';

export const MOSQUITTO_BINARY = ['/usr/sbin/mosquitto', '/usr/bin/mosquitto'].find((path) => existsSync(path)) ?? null;
const RECOMMENDED_CONF = fileURLToPath(new URL('../../edge/mosquitto/porttwin.conf', import.meta.url));

export interface MosquittoInstance {
  url: string;
  port: number;
  /** SIGTERM (saves its persistence file) and wait; start() brings it back on the same port and data. */
  stop(): Promise<void>;
  /** SIGKILL: no goodbye. */
  kill(): Promise<void>;
  start(): Promise<void>;
  dispose(): Promise<void>;
}

export interface MosquittoOptions {
  /** Config lines for who may connect (default `allow_anonymous true`), e.g. `pnpm devices mosquitto-files`' porttwin-auth.conf. */
  auth?: string;
}

export async function startMosquitto(options: MosquittoOptions = {}): Promise<MosquittoInstance> {
  if (!MOSQUITTO_BINARY) throw new Error('test: no mosquitto binary on this machine');
  const dir = mkdtempSync(join(tmpdir(), 'porttwin-mosquitto-'));
  // Started as root, mosquitto drops to its own user, which must be able to save its state here.
  chmodSync(dir, 0o777);
  const port = await freePort();
  const conf = join(dir, 'mosquitto.conf');
  writeFileSync(
    conf,
    `${readFileSync(RECOMMENDED_CONF, 'utf8')}\nlistener ${port} 127.0.0.1\n${options.auth ?? 'allow_anonymous true'}\npersistence_location ${dir}/\nlog_dest none\n`,
  );
  let child: ChildProcess | null = null;
  let exited: Promise<void> = Promise.resolve();

  const start = async () => {
    child = spawn(MOSQUITTO_BINARY, ['-c', conf], { stdio: 'ignore' });
    exited = new Promise((resolve) => child!.once('exit', () => resolve()));
    const deadline = Date.now() + 10_000;
    while (!(await tcpReachable('127.0.0.1', port, 200))) {
      if (Date.now() > deadline) throw new Error(`test: mosquitto did not listen on ${port}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  };
  const signal = async (name: NodeJS.Signals) => {
    child?.kill(name);
    await exited;
    child = null;
  };
  await start();
  return {
    url: `mqtt://127.0.0.1:${port}`,
    port,
    stop: () => signal('SIGTERM'),
    kill: () => signal('SIGKILL'),
    start,
    dispose: async () => {
      await signal('SIGKILL');
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
