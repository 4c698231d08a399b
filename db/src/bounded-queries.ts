// Queries on behalf of callers that must never hold the database ingest writes to (API
// requests): each statement has a time limit, and only a few run at once.
import type { Database, Queryable } from './database';
import { DatabaseError, sqlState } from './errors';

export interface QueryBounds {
  /** Longest a statement may run; PostgreSQL cancels it past this. */
  statementTimeoutMs: number;
  /** Statements at once; more wait their turn, so the pool and PGlite's queue stay free for ingest. */
  maxConcurrent: number;
}

/**
 * A Queryable over db within the bounds. On PostgreSQL each statement runs in a transaction
 * of its own under `SET LOCAL statement_timeout`, which ends with it, so the pool's
 * connections keep no limit for the gateway; a cancelled one throws DB_STATEMENT_TIMEOUT.
 * PGlite has no timer to cancel a statement by (it ignores statement_timeout) and runs one
 * statement at a time in this process: there only the concurrency holds, and what bounds a
 * statement is what the caller may ask for (a span, a row limit).
 */
export function boundedQueries(db: Database, bounds: QueryBounds): Queryable {
  const slots = new Slots(bounds.maxConcurrent);
  const timeout = Math.max(1, Math.trunc(bounds.statementTimeoutMs));
  const run: Queryable['query'] =
    db.engine === 'postgres'
      ? (sql, params) =>
          db.transaction(async (tx) => {
            await tx.query(`SET LOCAL statement_timeout = ${timeout}`);
            return tx.query(sql, params);
          })
      : (sql, params) => db.query(sql, params);
  return {
    query: async (sql, params) => {
      await slots.take();
      try {
        return await run(sql, params);
      } catch (error) {
        // 57014 query_canceled: what statement_timeout raises.
        if (sqlState(error) === '57014')
          throw new DatabaseError('DB_STATEMENT_TIMEOUT', `statement cancelled after ${timeout} ms`, { cause: error });
        throw error;
      } finally {
        slots.give();
      }
    },
  };
}

/** A counting semaphore whose freed slot goes straight to the next in line. */
class Slots {
  private free: number;
  private readonly waiting: (() => void)[] = [];

  constructor(count: number) {
    this.free = Math.max(1, count);
  }

  async take(): Promise<void> {
    if (this.free > 0) {
      this.free -= 1;
      return;
    }
    await new Promise<void>((resolve) => this.waiting.push(resolve));
  }

  give(): void {
    const next = this.waiting.shift();
    if (next) next();
    else this.free += 1;
  }
}
