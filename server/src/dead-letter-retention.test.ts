// The dead-letter retention job against a real embedded database: old rows go at start and
// at each interval, recent ones stay.
import { type Database, listDeadLetters, openDatabase, writeIngestBatch } from '@porttwin/db';
import pino from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startDeadLetterRetention } from './dead-letter-retention';
import { waitUntil } from './testing/wait-until';

const DAY_MS = 24 * 3600 * 1000;
const letter = (receivedAt: number, topic: string) => ({ topic, reason: 'payload is not JSON', payload: '{', payloadBytes: 1, receivedAt });
const topics = async (db: Database) =>
  (await listDeadLetters(db, { from: 0, to: Date.now() + DAY_MS, limit: 10 })).map((row) => row.topic).sort();

describe('the dead-letter retention job', () => {
  let db: Database;
  const logged: string[] = [];
  const log = pino({ level: 'info' }, { write: (line: string) => void logged.push((JSON.parse(line) as { msg: string }).msg) });
  beforeEach(async () => {
    db = await openDatabase();
  });
  afterEach(async () => db.close());

  it('deletes dead letters older than the retention at start and at each interval, and says how many', async () => {
    const now = Date.now();
    await writeIngestBatch(db, {
      gatewayId: 'edge',
      messages: [],
      deadLetters: [letter(now - 8 * DAY_MS, 'old'), letter(now - DAY_MS, 'recent')],
    });
    const job = startDeadLetterRetention({ db, retentionDays: 7, log, intervalMs: 50 });
    try {
      await waitUntil(
        'the old dead letter deleted',
        () => topics(db),
        (found) => found.length === 1,
      );
      expect(await topics(db)).toEqual(['recent']);
      await writeIngestBatch(db, { gatewayId: 'edge', messages: [], deadLetters: [letter(now - 9 * DAY_MS, 'late-arrival')] });
      await waitUntil(
        'the later old one deleted',
        () => topics(db),
        (found) => found.length === 1,
      );
    } finally {
      await job.stop();
    }
    expect(logged).toEqual(['server: deleted 1 dead letters older than 7 days', 'server: deleted 1 dead letters older than 7 days']);
  });
});
