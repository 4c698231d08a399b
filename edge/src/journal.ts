// The gateway's store-and-forward journal: while the database is unreachable, each batch
// is written to its own file and fsynced before its messages are acknowledged; the files
// are replayed into the database, oldest first, when it returns. Bounded by bytes; only
// file names and sizes are kept in memory, whatever the backlog.
import { closeSync, fsyncSync, mkdirSync, openSync, readdirSync, readFileSync, renameSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import type { IngestBatch } from '@porttwin/db';
import { EdgeError } from './errors';

const SUFFIX = '.batch.json';

export interface JournalEntry {
  name: string;
  bytes: number;
}

export interface JournaledBatch extends JournalEntry {
  batch: IngestBatch;
}

export class Journal {
  private readonly entries: JournalEntry[] = [];
  private totalBytes = 0;
  private nextSeq = 1;

  /** Opens (creating) the journal in dir, picking up batches a previous run left. */
  constructor(
    readonly dir: string,
    readonly maxBytes: number,
  ) {
    mkdirSync(dir, { recursive: true });
    for (const name of readdirSync(dir).sort()) {
      if (name.endsWith('.tmp')) {
        unlinkSync(join(dir, name)); // a write that never completed was never acknowledged
      } else if (name.endsWith(SUFFIX)) {
        const bytes = statSync(join(dir, name)).size;
        this.entries.push({ name, bytes });
        this.totalBytes += bytes;
        this.nextSeq = Math.max(this.nextSeq, Number.parseInt(name, 10) + 1);
      }
    }
  }

  get isEmpty(): boolean {
    return this.entries.length === 0;
  }

  get batches(): number {
    return this.entries.length;
  }

  get bytes(): number {
    return this.totalBytes;
  }

  /** Share of maxBytes in use, 0–1. */
  get fill(): number {
    return this.totalBytes / this.maxBytes;
  }

  /** Writes a batch durably (write, fsync, rename, fsync the folder); throws when full. */
  append(batch: IngestBatch): void {
    const text = JSON.stringify(batch);
    const bytes = Buffer.byteLength(text);
    if (this.totalBytes + bytes > this.maxBytes) {
      throw new EdgeError('EDGE_JOURNAL_FULL', `journal ${this.dir} is full (${this.totalBytes} of ${this.maxBytes} bytes)`);
    }
    const name = `${String(this.nextSeq).padStart(16, '0')}${SUFFIX}`;
    this.nextSeq += 1;
    const temporary = join(this.dir, `${name}.tmp`);
    const fd = openSync(temporary, 'w');
    try {
      writeSync(fd, text);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(temporary, join(this.dir, name));
    const folder = openSync(this.dir, 'r');
    try {
      fsyncSync(folder);
    } finally {
      closeSync(folder);
    }
    this.entries.push({ name, bytes });
    this.totalBytes += bytes;
  }

  /** The oldest batches, up to maxMessages messages in all (at least one batch). */
  readOldest(maxMessages: number): JournaledBatch[] {
    const batches: JournaledBatch[] = [];
    let messages = 0;
    for (const entry of this.entries) {
      const batch = JSON.parse(readFileSync(join(this.dir, entry.name), 'utf8')) as IngestBatch;
      const count = batch.messages.length + batch.deadLetters.length;
      if (batches.length > 0 && messages + count > maxMessages) break;
      batches.push({ ...entry, batch });
      messages += count;
    }
    return batches;
  }

  /** Forgets batches now stored in the database; they must be the oldest. */
  remove(stored: JournalEntry[]): void {
    for (const entry of stored) {
      if (this.entries[0]?.name !== entry.name) throw new Error(`edge: journal removal out of order at ${entry.name}`);
      unlinkSync(join(this.dir, entry.name));
      this.entries.shift();
      this.totalBytes -= entry.bytes;
    }
  }
}
