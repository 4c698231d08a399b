// Databases the test suites run against: embedded PGlite always, and the machine's real
// PostgreSQL when one answers at TEST_DATABASE_URL (default 127.0.0.1:5432), each test in a
// database of its own that is dropped afterwards.
import pg from 'pg';
import type { Database } from './database';
import { openDatabase } from './open-database';

export const TEST_POSTGRES_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/** Whether the real PostgreSQL answers. */
export async function postgresReachable(url = TEST_POSTGRES_URL): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.end();
    return true;
  } catch (error) {
    // CI sets this where PostgreSQL is installed: there, unreachable is a failure, not a skip.
    if (process.env.PORTTWIN_REQUIRE_REAL_SERVICES === '1') {
      throw new Error(`test: PostgreSQL at ${url} is required (PORTTWIN_REQUIRE_REAL_SERVICES=1): ${(error as Error).message}`);
    }
    return false;
  }
}

export interface ScratchDatabase {
  name: string;
  url: string;
  drop(): Promise<void>;
}

/**
 * Creates an empty database on the real server for one test; drop() removes it. Given a
 * `template` (no connections open to it), the new database starts as its copy: a bench runs
 * several trials from one stored history that way.
 */
export async function createScratchDatabase(url = TEST_POSTGRES_URL, template?: ScratchDatabase): Promise<ScratchDatabase> {
  const name = `porttwin_test_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(template ? `CREATE DATABASE ${name} TEMPLATE ${template.name}` : `CREATE DATABASE ${name}`);
  await admin.end();
  const scratchUrl = new URL(url);
  scratchUrl.pathname = `/${name}`;
  return {
    name,
    url: scratchUrl.toString(),
    drop: async () => {
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await client.end();
    },
  };
}

export interface TestDatabase {
  name: string;
  open(): Promise<{ db: Database; dispose(): Promise<void> }>;
}

/** The engines to run a database suite on: PGlite, plus PostgreSQL when reachable. */
export async function testDatabases(): Promise<TestDatabase[]> {
  const engines: TestDatabase[] = [
    {
      name: 'pglite',
      open: async () => {
        const db = await openDatabase();
        return { db, dispose: () => db.close() };
      },
    },
  ];
  if (await postgresReachable()) {
    engines.push({
      name: 'postgres',
      open: async () => {
        const scratch = await createScratchDatabase();
        const db = await openDatabase({ url: scratch.url });
        return {
          db,
          dispose: async () => {
            await db.close();
            await scratch.drop();
          },
        };
      },
    });
  }
  return engines;
}
