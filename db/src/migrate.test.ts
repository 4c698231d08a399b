// Migrations: each applied once and recorded with its checksum, a landed file that changed is
// refused, and processes starting together take turns. On PGlite always, and on the machine's
// PostgreSQL when it answers (there each connection pool stands for a process of its own).
import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Database } from './database';
import { DatabaseError } from './errors';
import { migrate, MIGRATIONS_DIR } from './migrate';
import { openPglite } from './pglite-database';
import { openPostgres } from './postgres-database';
import { createScratchDatabase, postgresReachable } from './test-databases';

/** An empty database, not migrated, and a way to open more connections to it. */
interface EmptyDatabase {
  connect(): Promise<Database>;
  dispose(): Promise<void>;
}

const engines: { name: string; open(): Promise<EmptyDatabase> }[] = [
  {
    name: 'pglite',
    // One process owns an embedded database: its gateway and server share the one instance.
    open: async () => {
      const db = await openPglite(undefined);
      return { connect: async () => db, dispose: () => db.close() };
    },
  },
];
if (await postgresReachable()) {
  engines.push({
    name: 'postgres',
    open: async () => {
      const scratch = await createScratchDatabase();
      const pools: Database[] = [];
      return {
        connect: async () => {
          const db = await openPostgres(scratch.url);
          pools.push(db);
          return db;
        },
        dispose: async () => {
          for (const db of pools) await db.close();
          await scratch.drop();
        },
      };
    },
  });
}

const MIGRATION_NAMES = readdirSync(MIGRATIONS_DIR)
  .filter((name) => name.endsWith('.sql'))
  .sort();

function migrationsDir(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'porttwin-migrations-'));
  for (const [name, sql] of Object.entries(files)) writeFileSync(join(dir, name), sql);
  return dir;
}

async function recorded(db: Database): Promise<{ name: string; checksum: string | null }[]> {
  return (await db.query<{ name: string; checksum: string | null }>('SELECT name, checksum FROM schema_migrations ORDER BY name')).rows;
}

describe.each(engines)('migrate on $name', (engine) => {
  let empty: EmptyDatabase | null = null;
  afterEach(async () => {
    await empty?.dispose();
    empty = null;
  });

  it('applies each migration once when two start together', async () => {
    empty = await engine.open();
    const [first, second] = [await empty.connect(), await empty.connect()];
    const [appliedByFirst, appliedBySecond] = await Promise.all([migrate(first), migrate(second)]);
    expect([...appliedByFirst, ...appliedBySecond].sort()).toEqual(MIGRATION_NAMES);
    const rows = await recorded(first);
    expect(rows.map((row) => row.name)).toEqual(MIGRATION_NAMES);
    expect(rows.every((row) => /^[0-9a-f]{64}$/.test(row.checksum ?? ''))).toBe(true);
    expect(await migrate(second)).toEqual([]);
  });

  it('refuses a landed migration whose file has changed, naming the file, and applies nothing after it', async () => {
    empty = await engine.open();
    const db = await empty.connect();
    const dir = migrationsDir({ '001_berths.sql': 'CREATE TABLE berths (id text PRIMARY KEY);' });
    expect(await migrate(db, dir)).toEqual(['001_berths.sql']);

    writeFileSync(join(dir, '001_berths.sql'), 'CREATE TABLE berths (id text PRIMARY KEY, length_m real);');
    writeFileSync(join(dir, '002_cranes.sql'), 'CREATE TABLE cranes (id text PRIMARY KEY);');
    const refusal = await migrate(db, dir).catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(DatabaseError);
    expect(refusal).toMatchObject({ code: 'DB_MIGRATION_CHANGED' });
    expect((refusal as Error).message).toContain(join(dir, '001_berths.sql'));
    expect((await recorded(db)).map((row) => row.name)).toEqual(['001_berths.sql']);
  });

  it('takes a file that differs only in line endings as unchanged', async () => {
    empty = await engine.open();
    const db = await empty.connect();
    const dir = migrationsDir({ '001_berths.sql': '-- Berths.\nCREATE TABLE berths (id text PRIMARY KEY);\n' });
    await migrate(db, dir);
    writeFileSync(join(dir, '001_berths.sql'), '-- Berths.\r\nCREATE TABLE berths (id text PRIMARY KEY);\r\n');
    expect(await migrate(db, dir)).toEqual([]);
  });

  it('records the checksums of a database migrated before they were kept, then holds it to them', async () => {
    empty = await engine.open();
    const db = await empty.connect();
    await db.exec(`
      CREATE TABLE schema_migrations (name text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now());
      CREATE TABLE berths (id text PRIMARY KEY);
      INSERT INTO schema_migrations (name) VALUES ('001_berths.sql');`);
    const dir = migrationsDir({
      '001_berths.sql': 'CREATE TABLE berths (id text PRIMARY KEY);',
      '002_cranes.sql': 'CREATE TABLE cranes (id text PRIMARY KEY);',
    });
    expect(await migrate(db, dir)).toEqual(['002_cranes.sql']);
    expect((await recorded(db)).every((row) => row.checksum !== null)).toBe(true);

    writeFileSync(join(dir, '001_berths.sql'), 'CREATE TABLE berths (id text PRIMARY KEY, length_m real);');
    await expect(migrate(db, dir)).rejects.toMatchObject({ code: 'DB_MIGRATION_CHANGED' });
  });

  it('rolls back a migration that fails, recording nothing of it', async () => {
    empty = await engine.open();
    const db = await empty.connect();
    const dir = migrationsDir({ '001_broken.sql': 'CREATE TABLE half_done (id int);\nSELECT no_such_function();' });
    await expect(migrate(db, dir)).rejects.toMatchObject({ code: 'DB_MIGRATION_FAILED' });
    expect(await recorded(db)).toEqual([]);
    expect((await db.query("SELECT 1 FROM pg_tables WHERE tablename = 'half_done'")).rows).toEqual([]);
  });
});
