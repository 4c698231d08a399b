// The simulated week on the machine's PostgreSQL, kept between runs: a week takes minutes to
// build, so it stays in a database named by what made it and is built again only when that
// database is missing or was left unfinished (or when asked to). Embedded PGlite days are
// built afresh in memory each run.
import { type Database, openDatabase } from '@porttwin/db';
import { TEST_POSTGRES_URL } from '@porttwin/db/testing';
import pg from 'pg';
// The TimescaleDB build is a dev dependency of db, for tests and benchmarks only.
import { createTimescalePglite } from '../../db/src/timescale-pglite';
import { generateSimulatedWeek, type IngestedDay, type SimulatedWeekOptions } from './simulated-week';

/** Bump when the generator changes what it stores, so an old cached week is not reused. */
const GENERATOR_VERSION = 1;
/** Written on the database once the last day is stored: an interrupted build is not reused. */
const COMPLETE = 'porttwin bench week: complete';

export interface StoredWeek {
  db: Database;
  /** Each day's ingest cost, when the week was built in this run; null when it was reused. */
  ingested: IngestedDay[] | null;
  /** The database's name on the server. */
  name: string;
  close(): Promise<void>;
}

/**
 * Leaves built days as a database under autovacuum would be (this machine's PostgreSQL runs
 * without it, and a build writes days in minutes): every batch rewrites the live state of the
 * few hundred assets and replaces the journeys of the plates it touches, so without vacuum
 * `assets` held 293 rows in 74 MB and a seq scan of it took 27 ms. Autovacuum would visit a
 * table that small after every hundred updates; VACUUM FULL gives what that keeps.
 */
async function settle(db: Database): Promise<void> {
  await db.query('VACUUM FULL assets');
  await db.query('VACUUM ANALYZE');
}

function weekName(options: SimulatedWeekOptions): string {
  const t = Math.round(options.telemetryIntervalMs / 1000);
  return `porttwin_bench_week_v${GENERATOR_VERSION}_s${options.seed}_d${options.days}_t${t}_b${Math.round(options.batchMs / 1000)}`;
}

/** Runs `use` with a client on the machine's PostgreSQL's admin database, closed afterwards. */
export async function withAdmin<T>(use: (admin: pg.Client) => Promise<T>): Promise<T> {
  const admin = new pg.Client({ connectionString: TEST_POSTGRES_URL });
  await admin.connect();
  try {
    return await use(admin);
  } finally {
    await admin.end();
  }
}

/** Opens the cached week on PostgreSQL, building it first when it is not there complete. */
export async function openStoredWeek(options: SimulatedWeekOptions & { fresh: boolean }): Promise<StoredWeek> {
  const name = weekName(options);
  const complete = await withAdmin(async (admin) => {
    const { rows } = await admin.query<{ note: string | null }>(
      `SELECT shobj_description(oid, 'pg_database') AS note FROM pg_database WHERE datname = $1`,
      [name],
    );
    if (rows.length > 0 && rows[0]!.note === COMPLETE && !options.fresh) return true;
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${name}`);
    return false;
  });
  const url = new URL(TEST_POSTGRES_URL);
  url.pathname = `/${name}`;
  const db = await openDatabase({ url: url.toString() });
  let ingested: IngestedDay[] | null = null;
  if (!complete) {
    options.log?.(`bench: building ${options.days} simulated days of the default site in PostgreSQL database ${name}`);
    ingested = await generateSimulatedWeek(db, options);
    await settle(db);
    await withAdmin((admin) => admin.query(`COMMENT ON DATABASE ${name} IS '${COMPLETE}'`));
  } else {
    options.log?.(`bench: reusing the simulated week in PostgreSQL database ${name} (--fresh builds it again)`);
  }
  return { db, ingested, name, close: () => db.close() };
}

/**
 * Builds `days` simulated days in an in-memory PGlite: the embedded default, or the TimescaleDB
 * build the schema tests use, whose KPI continuous aggregates are then refreshed as their
 * policies would have kept them (that build has no background workers).
 */
export async function buildPgliteDays(
  options: SimulatedWeekOptions & { timescale: boolean },
): Promise<{ db: Database; ingested: IngestedDay[] }> {
  const db = await openDatabase(options.timescale ? { createPglite: createTimescalePglite } : {});
  options.log?.(
    `bench: building ${options.days} simulated day(s) of the default site in ${options.timescale ? 'PGlite with TimescaleDB' : 'embedded PGlite'} (in memory)`,
  );
  const ingested = await generateSimulatedWeek(db, options);
  await settle(db);
  if (options.timescale) {
    // Hours roll up from minutes: the per-minute aggregates first.
    for (const view of ['kpi_events_1m', 'kpi_telemetry_1m', 'kpi_events_1h', 'kpi_telemetry_1h'])
      await db.query(`CALL refresh_continuous_aggregate('${view}', NULL, NULL)`);
    await db.query('ANALYZE');
  }
  return { db, ingested };
}
