// Runs the real console (`server/src/main.ts`) as a child process, the way `pnpm console`
// does, and waits until it prints its URL.
import { freePort } from './free-port';
import { spawnWorkspaceProcess } from './workspace-process';

const CONSOLE_ENTRY = 'server/src/main.ts';

export interface ConsoleProcess {
  url: string;
  mqttPort: number;
  pid: number;
  /** Everything it printed so far. */
  output(): string;
  /** SIGTERM, and wait for a clean exit; resolves to the exit code. */
  stop(): Promise<number | null>;
  /** SIGKILL: the process dies mid-whatever. */
  kill(): Promise<void>;
}

/** Runs the console expecting it to refuse to start; resolves to its exit code and output. */
export async function runConsoleToExit(env: Record<string, string>, timeoutMs = 60_000): Promise<{ code: number | null; output: string }> {
  const console = spawnWorkspaceProcess(CONSOLE_ENTRY, {
    PORT: String(await freePort()),
    MQTT_PORT: String(await freePort()),
    HOST: '127.0.0.1',
    LOG_LEVEL: 'warn',
    SIMULATOR: 'off',
    ...env,
  });
  const timer = setTimeout(() => console.child.kill('SIGKILL'), timeoutMs);
  const code = await console.exited;
  clearTimeout(timer);
  return { code, output: console.output() };
}

export async function startConsoleProcess(env: Record<string, string>, timeoutMs = 60_000): Promise<ConsoleProcess> {
  const port = await freePort();
  const mqttPort = await freePort();
  const { child, output, exited } = spawnWorkspaceProcess(CONSOLE_ENTRY, {
    PORT: String(port),
    MQTT_PORT: String(mqttPort),
    HOST: '127.0.0.1',
    LOG_LEVEL: 'warn',
    ...env,
  });

  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`console did not start in ${timeoutMs} ms:\n${output()}`)), timeoutMs);
    const poll = setInterval(() => {
      const match = /PortTwin console: (https?:\/\/\S+)/.exec(output());
      if (match?.[1]) {
        clearTimeout(timer);
        clearInterval(poll);
        resolve(match[1]);
      }
    }, 50);
    void exited.then((code) => {
      clearTimeout(timer);
      clearInterval(poll);
      reject(new Error(`console exited with ${code} before starting:\n${output()}`));
    });
  });

  return {
    url,
    mqttPort,
    pid: child.pid!,
    output,
    stop: async () => {
      child.kill('SIGTERM');
      return exited;
    },
    kill: async () => {
      child.kill('SIGKILL');
      await exited;
    },
  };
}
