// Embedded PostgreSQL (PGlite) in this process. PGlite runs one statement at a time and
// cannot be shared between processes, so in embedded mode one process owns it and every
// piece in that process shares this one instance.
import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import type { Database, PgliteClient, PgliteFactory } from './database';

/** The default build: plain PostgreSQL, no extensions. */
export const createPlainPglite: PgliteFactory = (dataDir) => PGlite.create(dataDir === undefined ? {} : { dataDir });

export async function openPglite(dataDir: string | undefined, create: PgliteFactory = createPlainPglite): Promise<Database> {
  if (dataDir !== undefined) mkdirSync(dataDir, { recursive: true });
  const pglite = await create(dataDir);
  await preloadTimescale(pglite);
  return {
    engine: 'pglite',
    query: async (sql, params) => {
      const result = await pglite.query(sql, params);
      return { rows: result.rows as never[] };
    },
    exec: async (sql) => {
      await pglite.exec(sql);
    },
    transaction: (fn) =>
      pglite.transaction((tx) =>
        fn({
          query: async (sql, params) => {
            const result = await tx.query(sql, params);
            return { rows: result.rows as never[] };
          },
          exec: async (sql) => {
            await tx.exec(sql);
          },
        }),
      ),
    listen: (channel, onNotify) => pglite.listen(channel, onNotify),
    close: () => pglite.close(),
  };
}

// PGlite has no shared_preload_libraries: a reopened data directory whose schema uses
// TimescaleDB must LOAD it before any query, or hypertable reads silently skip compressed
// chunks and continuous aggregates fail (measured on the 2.23 PGlite build). Loading it
// before CREATE EXTENSION is harmless, so a build that ships it always loads it.
async function preloadTimescale(pglite: PgliteClient): Promise<void> {
  const { rows } = await pglite.query("SELECT 1 FROM pg_available_extensions WHERE name = 'timescaledb'");
  if (rows.length > 0) await pglite.exec("LOAD 'timescaledb'");
}
