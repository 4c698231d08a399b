// Embedded PostgreSQL (PGlite) in this process. PGlite runs one statement at a time and
// cannot be shared between processes, so in embedded mode one process owns it and every
// piece in that process shares this one instance.
import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import type { Database } from './database';

export async function openPglite(dataDir: string | undefined): Promise<Database> {
  if (dataDir !== undefined) mkdirSync(dataDir, { recursive: true });
  const pglite = await PGlite.create(dataDir === undefined ? {} : { dataDir });
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
        }),
      ),
    listen: async (channel, onNotify) => {
      const unlisten = await pglite.listen(channel, onNotify);
      return async () => unlisten();
    },
    close: () => pglite.close(),
  };
}
