-- Issue 8, part 6: plates are personal data, masked in stored rows once older than the
-- retention period (server/src/plugins/plate-retention.ts). These partial indexes hold only
-- the rows whose plate is still in the clear, so the job finds its next batch without
-- scanning the history it has already masked, and a masked row leaves the index. The
-- predicates are the job's WHERE clauses word for word (db/src/queries/plate-retention.ts),
-- which is what lets the planner use them. A real plate never contains '*' (contracts'
-- payloads.ts); a masked one always does.

CREATE INDEX IF NOT EXISTS events_plate_in_clear ON events (ts)
  WHERE jsonb_typeof(data -> 'plate') = 'string' AND strpos(data ->> 'plate', '*') = 0;

CREATE INDEX IF NOT EXISTS telemetry_plate_in_clear ON telemetry (ts)
  WHERE jsonb_typeof(metrics -> 'plate') = 'string' AND strpos(metrics ->> 'plate', '*') = 0;
