// Shares the one database client with every route and service of the app, and the bounded
// view of it that API requests read through, so none of them can hold the database ingest
// writes to.
import { boundedQueries, type Database, DatabaseError, type Queryable } from '@porttwin/db';
import fp from 'fastify-plugin';
import { QueryTimeoutError } from '../errors';
import { API_MAX_CONCURRENT_QUERIES, API_STATEMENT_TIMEOUT_MS } from '../limits';

declare module 'fastify' {
  interface FastifyInstance {
    db: Database;
    /** For routes that read on a request's behalf: statements time-limited and few at once. */
    apiDb: Queryable;
  }
}

export interface DatabasePluginOptions {
  db: Database;
  /** Defaults to API_STATEMENT_TIMEOUT_MS; tests shorten it. */
  apiStatementTimeoutMs?: number;
}

export const databasePlugin = fp<DatabasePluginOptions>(
  async (app, { db, apiStatementTimeoutMs = API_STATEMENT_TIMEOUT_MS }) => {
    app.decorate('db', db);
    const bounded = boundedQueries(db, { statementTimeoutMs: apiStatementTimeoutMs, maxConcurrent: API_MAX_CONCURRENT_QUERIES });
    app.decorate('apiDb', {
      query: async (sql, params) => {
        try {
          return await bounded.query(sql, params);
        } catch (error) {
          if (error instanceof DatabaseError && error.code === 'DB_STATEMENT_TIMEOUT')
            throw new QueryTimeoutError(apiStatementTimeoutMs, { cause: error });
          throw error;
        }
      },
    } satisfies Queryable);
  },
  { name: 'porttwin-database' },
);
