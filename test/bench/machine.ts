// The machine a benchmark ran on, as each BENCHMARKS.md section states it.
import { cpus, totalmem } from 'node:os';

export function machine(): string {
  return `${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}`;
}
