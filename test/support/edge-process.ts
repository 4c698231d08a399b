// Runs a real edge gateway (`edge/src/main.ts`) as a child process, as `pnpm edge` does.
import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));

export interface EdgeProcess {
  output(): string;
  /** SIGKILL: dies mid-batch, acknowledging nothing more. */
  kill(): Promise<void>;
  stop(): Promise<number | null>;
}

export async function startEdgeProcess(env: Record<string, string>, timeoutMs = 30_000): Promise<EdgeProcess> {
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'edge/src/main.ts'], {
    cwd: REPO_ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => { output += chunk.toString(); });
  child.stderr?.on('data', (chunk: Buffer) => { output += chunk.toString(); });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const deadline = Date.now() + timeoutMs;
  while (!output.includes('edge: storing device traffic')) {
    if (child.exitCode !== null || Date.now() > deadline) throw new Error(`edge did not start:\n${output}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return {
    output: () => output,
    kill: async () => {
      child.kill('SIGKILL');
      await exited;
    },
    stop: async () => {
      child.kill('SIGTERM');
      return exited;
    },
  };
}
