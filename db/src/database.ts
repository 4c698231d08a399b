// The one database client every piece uses: a pg pool for a real PostgreSQL/TimescaleDB,
// or an in-process PGlite for the embedded default.

export interface Queryable {
  query<Row = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<{ rows: Row[] }>;
}

/** A transaction; copyFrom is there where COPY ... FROM STDIN is the fastest way in (PostgreSQL). */
export interface Transaction extends Queryable {
  /** Runs a script of several statements inside the transaction (migrations). */
  exec(sql: string): Promise<void>;
  /** Runs `COPY <target> FROM STDIN` (text format) with the given rows. */
  copyFrom?(copySql: string, text: string): Promise<void>;
}

export interface Database extends Queryable {
  readonly engine: 'pglite' | 'postgres';
  /** Runs a script of several statements (migrations). */
  exec(sql: string): Promise<void>;
  /** Runs fn in one transaction: committed when it resolves, rolled back when it throws. */
  transaction<T>(fn: (tx: Transaction) => Promise<T>): Promise<T>;
  /** Calls onNotify for each NOTIFY on channel; resolves to a function that stops listening. */
  listen(channel: string, onNotify: (payload: string) => void): Promise<() => Promise<void>>;
  close(): Promise<void>;
}

export interface DatabaseOptions {
  /** A PostgreSQL connection string; unset = embedded PGlite. */
  url?: string;
  /** Where embedded PGlite keeps its files; unset = in memory. */
  dataDir?: string;
  /** Makes the embedded PGlite; unset = @electric-sql/pglite without extensions. Tests pass a TimescaleDB build. */
  createPglite?: PgliteFactory;
}

/** What the database client needs of a PGlite instance, whichever build made it. */
export interface PgliteClient {
  query(sql: string, params?: unknown[]): Promise<{ rows: unknown[] }>;
  exec(sql: string): Promise<unknown>;
  transaction<T>(
    fn: (tx: { query(sql: string, params?: unknown[]): Promise<{ rows: unknown[] }>; exec(sql: string): Promise<unknown> }) => Promise<T>,
  ): Promise<T>;
  listen(channel: string, onNotify: (payload: string) => void): Promise<() => Promise<void>>;
  close(): Promise<void>;
}

/** Creates a PGlite instance keeping its files in dataDir (in memory when unset). */
export type PgliteFactory = (dataDir: string | undefined) => Promise<PgliteClient>;
