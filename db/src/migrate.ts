// Applies db/migrations/NNN_name.sql in order, each once, recorded in schema_migrations.
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Database } from './database';
import { DatabaseError } from './errors';

export const MIGRATIONS_DIR = fileURLToPath(new URL('../migrations/', import.meta.url));

/** Applies pending migrations; returns the names it applied. Safe to run at every start. */
export async function migrate(db: Database, dir = MIGRATIONS_DIR): Promise<string[]> {
  await db.exec(
    'CREATE TABLE IF NOT EXISTS schema_migrations (name text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())',
  );
  const applied = new Set(
    (await db.query<{ name: string }>('SELECT name FROM schema_migrations')).rows.map((row) => row.name),
  );
  const pending = readdirSync(dir)
    .filter((name) => /^\d{3}_[a-z0-9_]+\.sql$/.test(name) && !applied.has(name))
    .sort();
  for (const name of pending) {
    const sql = readFileSync(`${dir}/${name}`, 'utf8');
    try {
      await db.exec(`BEGIN;\n${sql}\n;INSERT INTO schema_migrations (name) VALUES ('${name}');\nCOMMIT;`);
    } catch (error) {
      await db.exec('ROLLBACK').catch(() => {});
      throw new DatabaseError('DB_MIGRATION_FAILED', `migration ${name} failed: ${(error as Error).message}`, { cause: error });
    }
  }
  return pending;
}

/** Whether the TimescaleDB extension is installed (hypertables in use). */
export async function hasTimescale(db: Database): Promise<boolean> {
  const { rows } = await db.query("SELECT 1 FROM pg_extension WHERE extname = 'timescaledb'");
  return rows.length > 0;
}
