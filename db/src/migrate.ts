// Applies db/migrations/NNN_name.sql in order, each once, recorded in schema_migrations with
// the checksum of the file as it was applied. Gateways and servers starting together take
// turns through a PostgreSQL advisory lock, so each migration runs once however many start.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Database, Transaction } from './database';
import { DatabaseError } from './errors';

export const MIGRATIONS_DIR = fileURLToPath(new URL('../migrations/', import.meta.url));

/** The advisory lock every migrating process takes: "porttwin" in ASCII, as a bigint. */
const MIGRATION_LOCK = '8101528279399933294';

// A database that recorded migrations before checksums were kept gains the column here, and
// each of its rows gets its checksum the first time this code sees it.
const BOOKKEEPING_SQL = `
CREATE TABLE IF NOT EXISTS schema_migrations (name text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now());
ALTER TABLE schema_migrations ADD COLUMN IF NOT EXISTS checksum text;`;

interface MigrationFile {
  name: string;
  path: string;
  sql: string;
  checksum: string;
}

/**
 * Applies pending migrations; returns the names it applied. Safe to run at every start, and
 * from several processes at once. A landed migration whose file has changed since is refused
 * (DB_MIGRATION_CHANGED, naming the file) before anything after it is applied.
 */
export async function migrate(db: Database, dir = MIGRATIONS_DIR): Promise<string[]> {
  await db.transaction(async (tx) => {
    await takeMigrationLock(tx);
    await tx.exec(BOOKKEEPING_SQL);
  });
  const applied: string[] = [];
  // One transaction per migration, each under the lock: another process may have applied
  // the next one while this one waited for its turn.
  for (const file of migrationFiles(dir)) {
    const ran = await db.transaction(async (tx) => {
      await takeMigrationLock(tx);
      const { rows } = await tx.query<{ checksum: string | null }>('SELECT checksum FROM schema_migrations WHERE name = $1', [file.name]);
      const landed = rows[0];
      if (landed) {
        await checkLanded(tx, file, landed.checksum);
        return false;
      }
      try {
        await tx.exec(file.sql);
      } catch (error) {
        throw new DatabaseError('DB_MIGRATION_FAILED', `migration ${file.name} failed: ${(error as Error).message}`, { cause: error });
      }
      await tx.query('INSERT INTO schema_migrations (name, checksum) VALUES ($1, $2)', [file.name, file.checksum]);
      return true;
    });
    if (ran) applied.push(file.name);
  }
  return applied;
}

/** Whether the TimescaleDB extension is installed (hypertables in use). */
export async function hasTimescale(db: Database): Promise<boolean> {
  const { rows } = await db.query("SELECT 1 FROM pg_extension WHERE extname = 'timescaledb'");
  return rows.length > 0;
}

function migrationFiles(dir: string): MigrationFile[] {
  return readdirSync(dir)
    .filter((name) => /^\d{3}_[a-z0-9_]+\.sql$/.test(name))
    .sort()
    .map((name) => {
      const path = join(dir, name);
      const sql = readFileSync(path, 'utf8');
      return { name, path, sql, checksum: checksum(sql) };
    });
}

/** SHA-256 of the file's text; line endings do not count, so a checkout's CRLF changes nothing. */
function checksum(sql: string): string {
  return createHash('sha256').update(sql.replaceAll('\r\n', '\n')).digest('hex');
}

async function takeMigrationLock(tx: Transaction): Promise<void> {
  // Transaction-scoped: released at COMMIT or ROLLBACK, and so never left behind on a pooled connection.
  await tx.query(`SELECT pg_advisory_xact_lock(${MIGRATION_LOCK})`);
}

async function checkLanded(tx: Transaction, file: MigrationFile, recorded: string | null): Promise<void> {
  if (recorded === null) {
    await tx.query('UPDATE schema_migrations SET checksum = $2 WHERE name = $1', [file.name, file.checksum]);
  } else if (recorded !== file.checksum) {
    throw new DatabaseError(
      'DB_MIGRATION_CHANGED',
      `migration ${file.path} has changed since it was applied (checksum ${recorded.slice(0, 12)}… then, ${file.checksum.slice(0, 12)}… now); ` +
        'a landed migration is never edited: restore it and put the change in a new numbered migration',
    );
  }
}
