import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { boundedQueries } from './bounded-queries';
import type { Database } from './database';
import { DatabaseError } from './errors';
import { openPostgres } from './postgres-database';
import { createScratchDatabase, postgresReachable, type ScratchDatabase } from './test-databases';

/** A database whose statements finish only when told to, counting how many run at once. */
function heldDatabase() {
  const releases: (() => void)[] = [];
  let running = 0;
  let mostAtOnce = 0;
  const db = {
    engine: 'pglite',
    query: async () => {
      running += 1;
      mostAtOnce = Math.max(mostAtOnce, running);
      await new Promise<void>((resolve) => releases.push(resolve));
      running -= 1;
      return { rows: [] };
    },
  } as unknown as Database;
  return { db, releaseOne: () => releases.shift()?.(), held: () => releases.length, mostAtOnce: () => mostAtOnce };
}

async function until(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 5));
}

describe('bounded queries', () => {
  it('run at most maxConcurrent statements at once; the rest wait their turn', async () => {
    const held = heldDatabase();
    const bounded = boundedQueries(held.db, { statementTimeoutMs: 1000, maxConcurrent: 2 });
    const all = Promise.all(Array.from({ length: 5 }, () => bounded.query('SELECT 1')));
    await until(() => held.held() === 2);
    for (let finished = 0; finished < 5; finished += 1) {
      await until(() => held.held() === Math.min(2, 5 - finished));
      held.releaseOne();
    }
    await all;
    expect(held.mostAtOnce()).toBe(2);
  });
});

const postgres = await postgresReachable();

describe.skipIf(!postgres)('bounded queries on PostgreSQL', () => {
  let scratch: ScratchDatabase;
  let db: Database;

  beforeAll(async () => {
    scratch = await createScratchDatabase();
    db = await openPostgres(scratch.url);
  });
  afterAll(async () => {
    await db?.close();
    await scratch?.drop();
  });

  it('cancel a statement that runs past the limit, with DB_STATEMENT_TIMEOUT', async () => {
    const bounded = boundedQueries(db, { statementTimeoutMs: 200, maxConcurrent: 4 });
    const started = Date.now();
    const failure = await bounded.query('SELECT pg_sleep(5)').catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(DatabaseError);
    expect((failure as DatabaseError).code).toBe('DB_STATEMENT_TIMEOUT');
    expect((failure as DatabaseError).message).toBe('db: statement cancelled after 200 ms');
    expect(Date.now() - started).toBeLessThan(5000);
    expect((await bounded.query<{ n: number }>('SELECT $1::int AS n', [7])).rows).toEqual([{ n: 7 }]);
  });

  it("leave no limit on the pool's connections for everyone else", async () => {
    const bounded = boundedQueries(db, { statementTimeoutMs: 200, maxConcurrent: 8 });
    await Promise.all(Array.from({ length: 8 }, () => bounded.query('SELECT pg_sleep(0.05)')));
    const settings = await Promise.all(Array.from({ length: 8 }, () => db.query<{ statement_timeout: string }>('SHOW statement_timeout')));
    expect(settings.map((result) => result.rows[0]?.statement_timeout)).toEqual(Array.from({ length: 8 }, () => '0'));
    expect((await db.query<{ slept: string }>('SELECT pg_sleep(0.4)::text AS slept')).rows).toEqual([{ slept: '' }]);
  });
});
