export type { Database, DatabaseOptions, Queryable } from './database';
export { DatabaseError } from './errors';
export { openDatabase } from './open-database';
export { migrate, hasTimescale, MIGRATIONS_DIR } from './migrate';
export { redact } from './postgres-database';
export { writeIngestBatch, INGEST_CHANNEL, type IngestBatch, type DeadLetter } from './queries/ingest';
export { listAssets, getAsset, type StoredAssetState } from './queries/assets';
export { computeKpis } from './queries/kpis';
export * from './queries/history';
