import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { IngestBatch } from '@porttwin/db';
import type { TelemetryMessage } from '@porttwin/contracts';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Journal } from './journal';

const batch = (seq: number): IngestBatch => ({
  gatewayId: 'g',
  messages: [
    {
      site: 's',
      kind: 'gate',
      assetId: 'GL-1',
      channel: 'telemetry',
      ts: 1000 + seq,
      seq,
      receivedAt: 2000,
      metrics: { queueLength: seq },
    },
  ],
  deadLetters: [],
});

describe('journal', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'porttwin-journal-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('gives batches back oldest first, and forgets them once stored', () => {
    const journal = new Journal(dir, 1_000_000);
    for (const seq of [1, 2, 3]) journal.append(batch(seq));
    const oldest = journal.readOldest(2);
    expect(oldest.map((entry) => (entry.batch.messages[0] as TelemetryMessage).seq)).toEqual([1, 2]);
    journal.remove(oldest);
    expect(journal.batches).toBe(1);
    expect(journal.readOldest(10).map((entry) => (entry.batch.messages[0] as TelemetryMessage).seq)).toEqual([3]);
  });

  it('finds what a previous run left, in order, and drops a half-written file', () => {
    const first = new Journal(dir, 1_000_000);
    for (const seq of [1, 2]) first.append(batch(seq));
    writeFileSync(join(dir, '0000000000000003.batch.json.tmp'), '{"gatewayId":');
    const reopened = new Journal(dir, 1_000_000);
    expect(reopened.readOldest(10).map((entry) => (entry.batch.messages[0] as TelemetryMessage).seq)).toEqual([1, 2]);
    expect(existsSync(join(dir, '0000000000000003.batch.json.tmp'))).toBe(false);
    reopened.append(batch(4));
    expect(readdirSync(dir).sort().at(-1)).toBe('0000000000000003.batch.json');
  });

  it('refuses a batch that would pass its bound, naming the folder', () => {
    const journal = new Journal(dir, 300);
    journal.append(batch(1));
    expect(() => journal.append(batch(2))).toThrow(/journal .* is full/);
    expect(journal.fill).toBeGreaterThan(0.5);
  });
});
