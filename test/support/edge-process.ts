// Runs a real edge gateway (`edge/src/main.ts`) as a child process, as `pnpm edge` does.
import { spawnWorkspaceProcess } from './workspace-process';

export interface EdgeProcess {
  pid: number;
  output(): string;
  /** SIGKILL: dies mid-batch, acknowledging nothing more. */
  kill(): Promise<void>;
  stop(): Promise<number | null>;
}

export async function startEdgeProcess(env: Record<string, string>, timeoutMs = 30_000): Promise<EdgeProcess> {
  const edge = spawnWorkspaceProcess('edge/src/main.ts', env);
  const deadline = Date.now() + timeoutMs;
  while (!edge.output().includes('edge: storing device traffic')) {
    if (edge.child.exitCode !== null || Date.now() > deadline) throw new Error(`edge did not start:\n${edge.output()}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return {
    pid: edge.child.pid!,
    output: edge.output,
    kill: async () => {
      edge.child.kill('SIGKILL');
      await edge.exited;
    },
    stop: async () => {
      edge.child.kill('SIGTERM');
      return edge.exited;
    },
  };
}
