// Runs load-publisher.ts as a child process and resolves to what it reports.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const SCRIPT = fileURLToPath(new URL('./load-publisher.ts', import.meta.url));

export interface LoadResult {
  published: number;
  elapsedMs: number;
}

export function runLoad(options: {
  url: string;
  count: number;
  devices: number;
  site: string;
  window?: number;
  seqBase?: number;
  ratePerSec?: number;
}): Promise<LoadResult> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', SCRIPT, JSON.stringify({ window: 2000, seqBase: 0, ratePerSec: 0, ...options })],
    {
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => {
      if (code !== 0) return reject(new Error(`load publisher exited with ${code}`));
      resolve(JSON.parse(output.trim().split('\n').at(-1) ?? '{}') as LoadResult);
    });
  });
}
