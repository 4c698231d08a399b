// What one API request may ask of the server and its database (README, HTTP API: bounds).
// A request past a bound is refused with a 4xx naming what to change, before any work.

/** Request bodies: the API takes small JSON (sign-in, kiosk tokens, users). */
export const BODY_LIMIT_BYTES = 64 * 1024;
/** Time to receive a whole request, headers and body: a client trickling bytes is cut off. */
export const REQUEST_TIMEOUT_MS = 30_000;
/** Raw history (telemetry, events, dead letters) per request; longer spans only as KPI buckets. */
export const MAX_RAW_SPAN_MS = 31 * 24 * 3_600_000;
/** Rows per history request: `limit` defaults to this… */
export const DEFAULT_ROWS = 10_000;
/** …and may ask for up to this (test/e2e reads an hour's events of a type in one request). */
export const MAX_ROWS = 100_000;
/** KPI buckets per request: 2000 minutes is a day and a half, 2000 hours twelve weeks. */
export const MAX_KPI_BUCKETS = 2000;
/** Longest a statement of an API request may run (PostgreSQL; see db's boundedQueries). */
export const API_STATEMENT_TIMEOUT_MS = 10_000;
/** API statements at once: the rest wait, leaving the pool (8) and PGlite's queue to ingest. */
export const API_MAX_CONCURRENT_QUERIES = 4;
