-- Issue 9, part 2: clearance time by stage and asset (docs/journeys.md, "Clearance time").
-- The scan queue and the scan are timed per scanner, so a journey records which scanner it
-- queued at (the asset of its first scan.queued, else scan.started mark); null if not inspected.
ALTER TABLE journeys ADD COLUMN IF NOT EXISTS scanner text;

-- Journeys built before this column take their scanner from their marks (a mark's time is
-- stored from the same epoch ms as the stage, so the two compare equal).
UPDATE journeys j SET scanner = m.asset_id
FROM journey_marks m
WHERE j.scanner IS NULL AND j.stages->>'scanQueued' IS NOT NULL
  AND m.plate = j.plate AND m.mark = 'scan.queued'
  AND m.ts = to_timestamp((j.stages->>'scanQueued')::float8 / 1000.0);
