-- Issue 9, part 7: clearance time read from each journey's dwells, stored as the journey is
-- written, instead of unpacked from every journey's stages at each request (GET /api/clearance
-- over a stored day took 105 ms, over a week 380 ms, on PostgreSQL: docs/journeys.md).
--
-- journey_dwells holds one row per stage a journey passed, by the rules of docs/journeys.md
-- ("Clearance time"): the stage, its lane or scanner, when it ended (epoch ms, as the stages
-- jsonb holds it) and how long it lasted. A trigger on journeys keeps it: whoever writes a
-- journey (the ingest fold, plate retention, a test) writes its dwells, and deleting a journey
-- deletes them. No plate is kept here: plate retention masks journeys alone.

ALTER TABLE journeys ADD COLUMN IF NOT EXISTS id bigint GENERATED ALWAYS AS IDENTITY;
DO $migration$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_constraint WHERE conname = 'journeys_pkey') THEN
    ALTER TABLE journeys ADD CONSTRAINT journeys_pkey PRIMARY KEY (id);
  END IF;
END
$migration$;

CREATE TABLE IF NOT EXISTS journey_dwells (
  journey_id bigint           NOT NULL REFERENCES journeys (id) ON DELETE CASCADE,
  -- Byte order ("C"): a window's dwells are sorted by stage and asset to group them, and
  -- comparing bytes is a third quicker than the database's language collation (the answer is
  -- ordered afterwards, in code).
  stage      text COLLATE "C" NOT NULL,
  -- The lane or scanner; null for the yard and the whole turn.
  asset_id   text COLLATE "C",
  end_ms     double precision NOT NULL,
  sec        double precision NOT NULL
);
-- A window's dwells are those that ended in it; the included columns let it read the index alone.
CREATE INDEX IF NOT EXISTS journey_dwells_end ON journey_dwells (end_ms) INCLUDE (stage, asset_id, sec);
-- For the cascade when the fold replaces a plate's journeys.
CREATE INDEX IF NOT EXISTS journey_dwells_journey ON journey_dwells (journey_id);

-- The gate queue ends where the portal starts, or at the booth on a lane without a portal; the
-- portal runs until the booth takes the truck; the turn is counted for released trucks only;
-- balked journeys have no dwells; a stage not finished, or not passed, gives none.
CREATE OR REPLACE FUNCTION journey_dwells_write() RETURNS trigger LANGUAGE plpgsql AS $function$
BEGIN
  IF TG_OP = 'UPDATE' THEN
    DELETE FROM journey_dwells WHERE journey_id IN (SELECT id FROM written_journeys);
  END IF;
  INSERT INTO journey_dwells (journey_id, stage, asset_id, end_ms, sec)
  SELECT j.id, v.stage, v.asset_id, v.end_ms, (v.end_ms - v.start_ms) / 1000.0
  FROM (
    SELECT id, in_lane, out_lane, scanner, outcome,
           (stages->>'arrived')::float8 AS arrived, (stages->>'portalStart')::float8 AS portal_start,
           (stages->>'gateStart')::float8 AS gate_start, (stages->>'gateEnd')::float8 AS gate_end,
           (stages->>'scanQueued')::float8 AS scan_queued, (stages->>'scanStart')::float8 AS scan_start,
           (stages->>'scanEnd')::float8 AS scan_end, (stages->>'yardArrived')::float8 AS yard_arrived,
           (stages->>'yardDone')::float8 AS yard_done, (stages->>'outQueued')::float8 AS out_queued,
           (stages->>'outGateStart')::float8 AS out_gate_start, (stages->>'outGateEnd')::float8 AS out_gate_end
    FROM written_journeys
    WHERE outcome <> 'balked'
  ) AS j, LATERAL (VALUES
    ('gateQueue', j.in_lane, j.arrived, coalesce(j.portal_start, j.gate_start)),
    ('portal', j.in_lane, j.portal_start, j.gate_start),
    ('booth', j.in_lane, j.gate_start, j.gate_end),
    ('scanQueue', j.scanner, j.scan_queued, j.scan_start),
    ('scan', j.scanner, j.scan_start, j.scan_end),
    ('yard', NULL, j.yard_arrived, j.yard_done),
    ('outQueue', j.out_lane, j.out_queued, j.out_gate_start),
    ('outBooth', j.out_lane, j.out_gate_start, j.out_gate_end),
    ('turn', NULL, j.arrived, CASE WHEN j.outcome = 'released' THEN j.out_gate_end END)
  ) AS v(stage, asset_id, start_ms, end_ms)
  WHERE v.start_ms IS NOT NULL AND v.end_ms IS NOT NULL AND v.end_ms >= v.start_ms;
  RETURN NULL;
END
$function$;

DROP TRIGGER IF EXISTS journey_dwells_on_insert ON journeys;
CREATE TRIGGER journey_dwells_on_insert AFTER INSERT ON journeys
  REFERENCING NEW TABLE AS written_journeys FOR EACH STATEMENT EXECUTE FUNCTION journey_dwells_write();
DROP TRIGGER IF EXISTS journey_dwells_on_update ON journeys;
CREATE TRIGGER journey_dwells_on_update AFTER UPDATE ON journeys
  REFERENCING NEW TABLE AS written_journeys FOR EACH STATEMENT EXECUTE FUNCTION journey_dwells_write();

-- Journeys stored before this migration get their dwells through the trigger.
UPDATE journeys SET stages = stages WHERE NOT EXISTS (SELECT 1 FROM journey_dwells d WHERE d.journey_id = journeys.id);
