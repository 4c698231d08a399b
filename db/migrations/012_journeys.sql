-- Issue 9, part 1: truck journeys from what devices publish (docs/journeys.md).
-- journey_marks holds each plate-bearing journey event once (a redelivery is a no-op), so a
-- journey can be built again from its own marks when one arrives late or out of order;
-- journeys holds one row per visit, keyed by plate and arrival time (a truck may come back
-- the same day), written in the same transaction as the ingest batch that changed it.

CREATE TABLE IF NOT EXISTS journey_marks (
  plate    text        NOT NULL,
  mark     text        NOT NULL,
  ts       timestamptz NOT NULL,
  asset_id text        NOT NULL,
  detail   jsonb       NOT NULL DEFAULT '{}',
  PRIMARY KEY (plate, mark, ts, asset_id)
);
CREATE INDEX IF NOT EXISTS journey_marks_plate_ts ON journey_marks (plate, ts);
-- Plate retention deletes marks past the period (they only serve to build journeys again).
CREATE INDEX IF NOT EXISTS journey_marks_ts ON journey_marks (ts);

CREATE TABLE IF NOT EXISTS journeys (
  plate       text             NOT NULL,
  arrived_at  timestamptz      NOT NULL,
  in_lane     text             NOT NULL,
  out_lane    text,
  outcome     text             NOT NULL,
  inspected   boolean          NOT NULL,
  verdict     text,
  -- stage name → epoch ms, for the stages reached (docs/journeys.md lists them).
  stages      jsonb            NOT NULL,
  departed_at timestamptz,
  turn_sec    double precision,
  updated_at  timestamptz      NOT NULL DEFAULT clock_timestamp()
);
-- Not unique: the fold keeps one row per key (it replaces a plate's journeys under a lock),
-- and plate retention masks plates, which could make two old keys alike.
CREATE INDEX IF NOT EXISTS journeys_plate_arrived_at ON journeys (plate, arrived_at);
CREATE INDEX IF NOT EXISTS journeys_arrived_at ON journeys (arrived_at);
-- Plate retention's next batch, as for events in migration 010 (the same predicate word for word).
CREATE INDEX IF NOT EXISTS journeys_plate_in_clear ON journeys (arrived_at) WHERE strpos(plate, '*') = 0;
