// The ground truth as a JSON-lines file: one record per line, in simulated-time order.
import { createWriteStream } from 'node:fs';
import type { TruthRecord, TruthSink } from './model/ground-truth';

export interface TruthFile {
  sink: TruthSink;
  records(): number;
  /** Flushes and closes the file. */
  close(): Promise<void>;
}

/** Opens (truncates) `path` for the run's ground truth. */
export function openTruthFile(path: string): TruthFile {
  const stream = createWriteStream(path, { encoding: 'utf8' });
  let count = 0;
  let failure: Error | null = null;
  stream.on('error', (error) => (failure = error));
  return {
    sink: (record: TruthRecord) => {
      count++;
      stream.write(`${JSON.stringify(record)}\n`);
    },
    records: () => count,
    close: () =>
      new Promise<void>((resolve, reject) => {
        if (failure) return reject(new Error(`simulator: ground-truth file ${path}: ${failure.message}`));
        stream.end(() => (failure ? reject(new Error(`simulator: ground-truth file ${path}: ${(failure as Error).message}`)) : resolve()));
      }),
  };
}
