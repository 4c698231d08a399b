-- Issue 9, part 7: on plain PostgreSQL (and embedded PGlite) the KPI aggregates of 004 become
-- tables kept as rows are written, instead of views that grouped the raw rows again at every
-- request (a stored day's hourly series took 154 ms, its summary 345 ms; a week's 1.1 s and
-- 2.6 s). TimescaleDB keeps its continuous aggregates and this migration leaves it alone.
--
-- The tables keep the names, columns and buckets of 004, so every query reads them unchanged:
-- kpi_events_1m / _1h and kpi_telemetry_1m / _1h. Two statement triggers keep them, one on
-- events and one on telemetry, each adding what a statement inserted to its minute and hour
-- rows: whoever writes rows (the gateway, a test, a restore) keeps the aggregates, a
-- redelivery the unique key skipped is not in the statement's new rows and counts nothing,
-- and a late row lands in its own (old) bucket.
--
-- Sums of metrics are numeric, not float8: a device may report any finite number (1e308 is
-- valid), and a float8 sum of two of them overflows, which would refuse the whole batch of
-- valid rows. numeric never overflows; readers convert to a JS number (Infinity at worst).
-- A sum with no samples is 0 (its sample count says there were none), and a max stays null.
--
-- Rows are upserted in key order, so gateways writing the same minute at once wait on each
-- other in one order and never deadlock.

DO $migration$
DECLARE
  origin constant text := $$TIMESTAMPTZ '2000-01-03 00:00:00+00'$$;
  -- %1$s: the rows to add (the trigger's new rows, or the whole table to fill it once);
  -- %2$s: the bucket origin. Minutes are grouped from the rows, hours from those minutes.
  events_rollup text := $sql$
    WITH minutes AS (
      SELECT date_bin('1 minute', ts, %2$s) AS bucket, asset_id, kind,
             count(*) FILTER (WHERE type = 'truck.arrived' AND data ->> 'direction' = 'in') AS trucks_in,
             count(*) FILTER (WHERE type = 'truck.arrived' AND data ->> 'direction' = 'out') AS trucks_out,
             count(*) FILTER (WHERE type = 'truck.admitted') AS trucks_admitted,
             count(*) FILTER (WHERE type = 'truck.rejected') AS trucks_rejected,
             count(*) FILTER (WHERE type = 'move.completed') AS moves,
             count(*) FILTER (WHERE type = 'scan.completed') AS scans,
             count(*) FILTER (WHERE type = 'scan.completed' AND data ->> 'verdict' = 'suspect') AS suspect_scans
      FROM %1$s
      WHERE type IN ('truck.arrived', 'truck.admitted', 'truck.rejected', 'move.completed', 'scan.completed')
      GROUP BY 1, asset_id, kind
    ), minute_rows AS (
      INSERT INTO kpi_events_1m AS t
      SELECT * FROM minutes ORDER BY bucket, asset_id, kind
      ON CONFLICT (bucket, asset_id, kind) DO UPDATE SET
        trucks_in = t.trucks_in + excluded.trucks_in, trucks_out = t.trucks_out + excluded.trucks_out,
        trucks_admitted = t.trucks_admitted + excluded.trucks_admitted,
        trucks_rejected = t.trucks_rejected + excluded.trucks_rejected,
        moves = t.moves + excluded.moves, scans = t.scans + excluded.scans,
        suspect_scans = t.suspect_scans + excluded.suspect_scans
    )
    INSERT INTO kpi_events_1h AS t
    SELECT date_bin('1 hour', bucket, %2$s), asset_id, kind, sum(trucks_in), sum(trucks_out), sum(trucks_admitted),
           sum(trucks_rejected), sum(moves), sum(scans), sum(suspect_scans)
    FROM minutes GROUP BY 1, asset_id, kind ORDER BY 1, asset_id, kind
    ON CONFLICT (bucket, asset_id, kind) DO UPDATE SET
      trucks_in = t.trucks_in + excluded.trucks_in, trucks_out = t.trucks_out + excluded.trucks_out,
      trucks_admitted = t.trucks_admitted + excluded.trucks_admitted,
      trucks_rejected = t.trucks_rejected + excluded.trucks_rejected,
      moves = t.moves + excluded.moves, scans = t.scans + excluded.scans,
      suspect_scans = t.suspect_scans + excluded.suspect_scans $sql$;
  -- A metric of the wrong JSON type is stored (the contract allows any scalar) but not averaged.
  telemetry_rollup text := $sql$
    WITH samples AS (
      SELECT date_bin('1 minute', ts, %2$s) AS bucket, asset_id,
             CASE WHEN jsonb_typeof(metrics -> 'queueLength') = 'number' THEN (metrics ->> 'queueLength')::numeric END AS queue,
             CASE jsonb_typeof(metrics -> 'busy')
               WHEN 'number' THEN (metrics ->> 'busy')::numeric
               WHEN 'boolean' THEN CASE WHEN (metrics -> 'busy') = 'true'::jsonb THEN 1 ELSE 0 END END AS busy
      FROM %1$s
      WHERE metrics ? 'queueLength' OR metrics ? 'busy'
    ), minutes AS (
      SELECT bucket, asset_id, count(queue) AS queue_samples, coalesce(sum(queue), 0) AS queue_sum, max(queue) AS queue_max,
             count(busy) AS busy_samples, coalesce(sum(busy), 0) AS busy_sum
      FROM samples GROUP BY bucket, asset_id
    ), minute_rows AS (
      INSERT INTO kpi_telemetry_1m AS t
      SELECT * FROM minutes ORDER BY bucket, asset_id
      ON CONFLICT (bucket, asset_id) DO UPDATE SET
        queue_samples = t.queue_samples + excluded.queue_samples, queue_sum = t.queue_sum + excluded.queue_sum,
        queue_max = greatest(t.queue_max, excluded.queue_max),
        busy_samples = t.busy_samples + excluded.busy_samples, busy_sum = t.busy_sum + excluded.busy_sum
    )
    INSERT INTO kpi_telemetry_1h AS t
    SELECT date_bin('1 hour', bucket, %2$s), asset_id, sum(queue_samples), sum(queue_sum), max(queue_max),
           sum(busy_samples), sum(busy_sum)
    FROM minutes GROUP BY 1, asset_id ORDER BY 1, asset_id
    ON CONFLICT (bucket, asset_id) DO UPDATE SET
      queue_samples = t.queue_samples + excluded.queue_samples, queue_sum = t.queue_sum + excluded.queue_sum,
      queue_max = greatest(t.queue_max, excluded.queue_max),
      busy_samples = t.busy_samples + excluded.busy_samples, busy_sum = t.busy_sum + excluded.busy_sum $sql$;
  width text;
BEGIN
  IF EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'timescaledb') THEN
    RETURN;
  END IF;

  DROP VIEW IF EXISTS kpi_events_1m, kpi_events_1h, kpi_telemetry_1m, kpi_telemetry_1h;
  -- The views' indexes on the raw rows: nothing reads raw rows by bucket any more.
  DROP INDEX IF EXISTS events_kpi_minute, events_kpi_hour, telemetry_kpi_minute, telemetry_kpi_hour;
  FOREACH width IN ARRAY ARRAY['1m', '1h'] LOOP
    EXECUTE format($$CREATE TABLE kpi_events_%s (
      bucket          timestamptz NOT NULL,
      asset_id        text        NOT NULL,
      kind            text        NOT NULL,
      trucks_in       bigint      NOT NULL,
      trucks_out      bigint      NOT NULL,
      trucks_admitted bigint      NOT NULL,
      trucks_rejected bigint      NOT NULL,
      moves           bigint      NOT NULL,
      scans           bigint      NOT NULL,
      suspect_scans   bigint      NOT NULL,
      PRIMARY KEY (bucket, asset_id, kind))$$, width);
    EXECUTE format($$CREATE TABLE kpi_telemetry_%s (
      bucket        timestamptz NOT NULL,
      asset_id      text        NOT NULL,
      queue_samples bigint      NOT NULL,
      queue_sum     numeric     NOT NULL,
      queue_max     numeric,
      busy_samples  bigint      NOT NULL,
      busy_sum      numeric     NOT NULL,
      PRIMARY KEY (bucket, asset_id))$$, width);
  END LOOP;

  EXECUTE format($create$CREATE FUNCTION kpi_events_rollup() RETURNS trigger LANGUAGE plpgsql AS $function$
    BEGIN %s; RETURN NULL; END $function$ $create$, format(events_rollup, 'new_events', origin));
  EXECUTE format($create$CREATE FUNCTION kpi_telemetry_rollup() RETURNS trigger LANGUAGE plpgsql AS $function$
    BEGIN %s; RETURN NULL; END $function$ $create$, format(telemetry_rollup, 'new_telemetry', origin));
  -- The triggers first, then the rows already stored: a writer waits for this migration's
  -- lock on the table, so each row is counted once, by one or the other.
  CREATE TRIGGER kpi_events_rollup AFTER INSERT ON events REFERENCING NEW TABLE AS new_events
    FOR EACH STATEMENT EXECUTE FUNCTION kpi_events_rollup();
  CREATE TRIGGER kpi_telemetry_rollup AFTER INSERT ON telemetry REFERENCING NEW TABLE AS new_telemetry
    FOR EACH STATEMENT EXECUTE FUNCTION kpi_telemetry_rollup();
  EXECUTE format(events_rollup, 'events', origin);
  EXECUTE format(telemetry_rollup, 'telemetry', origin);
END
$migration$;
