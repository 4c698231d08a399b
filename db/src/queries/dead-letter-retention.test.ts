// Deleting old dead letters: chunked, so a large backlog never holds one long lock.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Database } from '../database';
import { testDatabases } from '../test-databases';
import { deleteDeadLettersBefore } from './dead-letter-retention';
import { listDeadLetters } from './history';
import { writeIngestBatch } from './ingest';

const DAY_MS = 24 * 3600 * 1000;
const letter = (receivedAt: number, topic: string) => ({ topic, reason: 'payload is not JSON', payload: '{', payloadBytes: 1, receivedAt });

for (const engine of await testDatabases()) {
  describe(`dead-letter retention on ${engine.name}`, () => {
    let opened: Awaited<ReturnType<typeof engine.open>>;
    let db: Database;
    beforeEach(async () => {
      opened = await engine.open();
      db = opened.db;
    });
    afterEach(async () => opened.dispose());

    it('deletes the dead letters received before the cutoff and keeps the rest', async () => {
      const now = Date.now();
      await writeIngestBatch(db, {
        gatewayId: 'edge-retention',
        messages: [],
        deadLetters: [letter(now - 31 * DAY_MS, 'old'), letter(now - 30 * DAY_MS - 1, 'just-too-old'), letter(now - 29 * DAY_MS, 'recent')],
      });

      expect(await deleteDeadLettersBefore(db, now - 30 * DAY_MS)).toBe(2);
      const kept = await listDeadLetters(db, { from: 0, to: now + DAY_MS, limit: 10 });
      expect(kept.map((row) => row.topic)).toEqual(['recent']);
      expect(await deleteDeadLettersBefore(db, now - 30 * DAY_MS)).toBe(0);
    });
  });
}
