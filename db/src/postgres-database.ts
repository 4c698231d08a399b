// A real PostgreSQL or TimescaleDB through a pg connection pool.
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import { redactUrl } from '@porttwin/contracts';
import pg from 'pg';
import { from as copyFromStdin } from 'pg-copy-streams';
import type { Database } from './database';
import { DatabaseError } from './errors';

// Timestamps and bigints come back as the database wrote them; callers convert.
pg.types.setTypeParser(pg.types.builtins.INT8, (value) => Number(value));

export async function openPostgres(url: string): Promise<Database> {
  const pool = new pg.Pool({ connectionString: url, max: 8 });
  // An idle client that loses its connection must not crash the process; the next query reconnects.
  pool.on('error', () => {});
  try {
    await pool.query('SELECT 1');
  } catch (error) {
    await pool.end();
    throw new DatabaseError('DB_UNREACHABLE', `cannot reach ${redact(url)}: ${(error as Error).message}`, { cause: error });
  }
  return {
    engine: 'postgres',
    query: async (sql, params) => {
      const result = await pool.query(sql, params as unknown[]);
      return { rows: result.rows };
    },
    exec: async (sql) => {
      await pool.query(sql);
    },
    transaction: async (fn) => {
      const client = await pool.connect();
      // A checked-out client whose connection drops emits 'error'; unheard, that kills the
      // process. Heard, the transaction fails (and is retried or journaled by the caller) and
      // the broken connection is thrown away instead of going back to the pool.
      let broken: Error | undefined;
      const onError = (error: Error) => {
        broken = error;
      };
      client.on('error', onError);
      try {
        await client.query('BEGIN');
        const result = await fn({
          query: async (sql, params) => ({ rows: (await client.query(sql, params as unknown[])).rows }),
          // Without parameters pg uses the simple protocol, which takes several statements.
          exec: async (sql) => {
            await client.query(sql);
          },
          copyFrom: (copySql, text) => pipeline(Readable.from([text]), client.query(copyFromStdin(copySql))),
        });
        await client.query('COMMIT');
        return result;
      } catch (error) {
        if (!broken) await client.query('ROLLBACK').catch(() => {});
        throw error;
      } finally {
        client.off('error', onError);
        client.release(broken);
      }
    },
    listen: (channel, onNotify) => listenAcrossReconnects(pool, channel, onNotify),
    close: () => pool.end(),
  };
}

/**
 * LISTEN on a connection of its own, and again on a new one whenever it drops, so a
 * database that goes away and comes back does not silence its notifications for good.
 */
async function listenAcrossReconnects(pool: pg.Pool, channel: string, onNotify: (payload: string) => void): Promise<() => Promise<void>> {
  let client: pg.PoolClient | null = null;
  let stopped = false;
  let retry: NodeJS.Timeout | null = null;
  const connect = async (): Promise<void> => {
    const next = await pool.connect();
    next.on('notification', (message) => {
      if (message.channel === channel) onNotify(message.payload ?? '');
    });
    let released = false;
    next.on('error', (error) => {
      if (released) return;
      released = true;
      next.release(error);
      if (client === next) client = null;
      scheduleRetry();
    });
    await next.query(`LISTEN ${pg.escapeIdentifier(channel)}`);
    client = next;
  };
  const scheduleRetry = () => {
    if (stopped || retry) return;
    retry = setTimeout(() => {
      retry = null;
      connect().catch(scheduleRetry);
    }, 1000);
  };
  await connect();
  return async () => {
    stopped = true;
    if (retry) clearTimeout(retry);
    const current = client;
    client = null;
    if (current) {
      await current.query(`UNLISTEN ${pg.escapeIdentifier(channel)}`).catch(() => {});
      current.release();
    }
  };
}

/** The URL without its password or secret parameters, for messages and logs. */
export const redact = redactUrl;
