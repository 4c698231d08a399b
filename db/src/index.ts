export type { Database, DatabaseOptions, PgliteClient, PgliteFactory, Queryable } from './database';
export { DatabaseError, isDataError, sqlState } from './errors';
export { openDatabase } from './open-database';
export { boundedQueries, type QueryBounds } from './bounded-queries';
export { migrate, hasTimescale, MIGRATIONS_DIR } from './migrate';
export { redact } from './postgres-database';
export { writeIngestBatch, INGEST_CHANNEL, type IngestBatch, type DeadLetter } from './queries/ingest';
export { listAssets, getAsset, listAssetIdentities, type StoredAssetState } from './queries/assets';
export * from './queries/kpi-window';
export { kpiSeries, type KpiSeriesRange } from './queries/kpi-series';
export * from './queries/history';
export * from './queries/users';
export * from './queries/audit';
export * from './queries/device-credentials';
export * from './queries/kiosk-tokens';
export { deleteDeadLettersBefore } from './queries/dead-letter-retention';
export { AssetStateFold, type AssetStateRow } from './queries/asset-state-fold';
export * from './queries/sessions';
export * from './queries/plate-retention';
export * from './queries/journeys';
export * from './queries/clearance';
export {
  buildJourneys,
  journeyMarks,
  JOURNEY_STAGES,
  MAX_JOURNEY_MS,
  type Journey,
  type JourneyMark,
  type JourneyOutcome,
  type JourneyStage,
} from './queries/journey-building';
export * from './queries/gate-arrivals';
export * from './queries/alerts';
export * from './queries/alert-observations';
