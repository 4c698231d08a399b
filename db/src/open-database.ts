// Opens the configured database and brings its schema up to date.
import type { Database, DatabaseOptions } from './database';
import { migrate } from './migrate';
import { openPglite } from './pglite-database';
import { openPostgres } from './postgres-database';

/** Opens PostgreSQL when given a URL, embedded PGlite otherwise, and applies migrations. */
export async function openDatabase(options: DatabaseOptions = {}): Promise<Database> {
  const db = options.url ? await openPostgres(options.url) : await openPglite(options.dataDir, options.createPglite);
  try {
    await migrate(db);
  } catch (error) {
    await db.close();
    throw error;
  }
  return db;
}
