-- KPI buckets per minute and per hour, per asset (issue #4, part 6). On TimescaleDB they
-- are continuous aggregates kept fresh by refresh policies, with real-time aggregation so
-- the newest minutes are always included; on plain PostgreSQL the same names are views
-- that compute the same buckets on the fly. Queries read them by name and get the same
-- answers on both.
--
-- Buckets start on the UTC minute/hour: time_bucket (TimescaleDB) and date_bin from
-- 2000-01-03 UTC (TimescaleDB's own origin) agree for both widths.
--
-- kpi_events_*:    bucket, asset_id, kind, trucks_in, trucks_out (truck.arrived by direction),
--                  trucks_admitted, trucks_rejected, moves (move.completed), scans,
--                  suspect_scans (scan.completed, verdict suspect)
-- kpi_telemetry_*: bucket, asset_id, queue_samples, queue_sum, queue_max (metric queueLength),
--                  busy_samples, busy_sum (metric busy, a number or a boolean)
-- Averages travel as sums and sample counts so hours roll up from minutes exactly.

DO $migration$
DECLARE
  timescale boolean := EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'timescaledb');
  create_view text := CASE WHEN timescale
                           THEN 'CREATE MATERIALIZED VIEW IF NOT EXISTS %I WITH (timescaledb.continuous, timescaledb.materialized_only = false) AS %s WITH NO DATA'
                           ELSE 'CREATE OR REPLACE VIEW %I AS %s' END;
  -- %1$s is the bucket of a raw row's ts.
  events_sql text := $sql$
    SELECT %1$s AS bucket, asset_id, kind,
           count(*) FILTER (WHERE type = 'truck.arrived' AND data ->> 'direction' = 'in') AS trucks_in,
           count(*) FILTER (WHERE type = 'truck.arrived' AND data ->> 'direction' = 'out') AS trucks_out,
           count(*) FILTER (WHERE type = 'truck.admitted') AS trucks_admitted,
           count(*) FILTER (WHERE type = 'truck.rejected') AS trucks_rejected,
           count(*) FILTER (WHERE type = 'move.completed') AS moves,
           count(*) FILTER (WHERE type = 'scan.completed') AS scans,
           count(*) FILTER (WHERE type = 'scan.completed' AND data ->> 'verdict' = 'suspect') AS suspect_scans
    FROM events
    WHERE type IN ('truck.arrived', 'truck.admitted', 'truck.rejected', 'move.completed', 'scan.completed')
    GROUP BY 1, asset_id, kind $sql$;
  -- A metric of the wrong JSON type is stored (the contract allows any scalar) but not averaged.
  telemetry_sql text := $sql$
    SELECT %1$s AS bucket, asset_id,
           count(CASE WHEN jsonb_typeof(metrics -> 'queueLength') = 'number' THEN 1 END) AS queue_samples,
           sum(CASE WHEN jsonb_typeof(metrics -> 'queueLength') = 'number' THEN (metrics ->> 'queueLength')::float8 END) AS queue_sum,
           max(CASE WHEN jsonb_typeof(metrics -> 'queueLength') = 'number' THEN (metrics ->> 'queueLength')::float8 END) AS queue_max,
           count(CASE WHEN jsonb_typeof(metrics -> 'busy') IN ('number', 'boolean') THEN 1 END) AS busy_samples,
           sum(CASE jsonb_typeof(metrics -> 'busy')
                 WHEN 'number' THEN (metrics ->> 'busy')::float8
                 WHEN 'boolean' THEN CASE WHEN (metrics -> 'busy') = 'true'::jsonb THEN 1.0 ELSE 0.0 END END) AS busy_sum
    FROM telemetry
    WHERE metrics ? 'queueLength' OR metrics ? 'busy'
    GROUP BY 1, asset_id $sql$;
  -- On TimescaleDB hours roll up from minutes (hierarchical continuous aggregates).
  events_rollup_sql text := $sql$
    SELECT time_bucket('1 hour', bucket) AS bucket, asset_id, kind,
           sum(trucks_in) AS trucks_in, sum(trucks_out) AS trucks_out,
           sum(trucks_admitted) AS trucks_admitted, sum(trucks_rejected) AS trucks_rejected,
           sum(moves) AS moves, sum(scans) AS scans, sum(suspect_scans) AS suspect_scans
    FROM kpi_events_1m
    GROUP BY 1, asset_id, kind $sql$;
  telemetry_rollup_sql text := $sql$
    SELECT time_bucket('1 hour', bucket) AS bucket, asset_id,
           sum(queue_samples) AS queue_samples, sum(queue_sum) AS queue_sum, max(queue_max) AS queue_max,
           sum(busy_samples) AS busy_samples, sum(busy_sum) AS busy_sum
    FROM kpi_telemetry_1m
    GROUP BY 1, asset_id $sql$;
  policy record;
BEGIN
  IF timescale THEN
    EXECUTE format(create_view, 'kpi_events_1m', format(events_sql, $$time_bucket('1 minute', ts)$$));
    EXECUTE format(create_view, 'kpi_telemetry_1m', format(telemetry_sql, $$time_bucket('1 minute', ts)$$));
    EXECUTE format(create_view, 'kpi_events_1h', events_rollup_sql);
    EXECUTE format(create_view, 'kpi_telemetry_1h', telemetry_rollup_sql);
  ELSE
    -- Plain views count from raw rows at each width, and each width has a partial index on
    -- its bucket (date_bin is immutable), so a range of buckets reads only its rows.
    EXECUTE format(create_view, 'kpi_events_1m', format(events_sql, $$date_bin('1 minute', ts, TIMESTAMPTZ '2000-01-03 00:00:00+00')$$));
    EXECUTE format(create_view, 'kpi_telemetry_1m', format(telemetry_sql, $$date_bin('1 minute', ts, TIMESTAMPTZ '2000-01-03 00:00:00+00')$$));
    EXECUTE format(create_view, 'kpi_events_1h', format(events_sql, $$date_bin('1 hour', ts, TIMESTAMPTZ '2000-01-03 00:00:00+00')$$));
    EXECUTE format(create_view, 'kpi_telemetry_1h', format(telemetry_sql, $$date_bin('1 hour', ts, TIMESTAMPTZ '2000-01-03 00:00:00+00')$$));
    CREATE INDEX IF NOT EXISTS events_kpi_minute ON events (date_bin('1 minute', ts, TIMESTAMPTZ '2000-01-03 00:00:00+00'))
      WHERE type IN ('truck.arrived', 'truck.admitted', 'truck.rejected', 'move.completed', 'scan.completed');
    CREATE INDEX IF NOT EXISTS events_kpi_hour ON events (date_bin('1 hour', ts, TIMESTAMPTZ '2000-01-03 00:00:00+00'))
      WHERE type IN ('truck.arrived', 'truck.admitted', 'truck.rejected', 'move.completed', 'scan.completed');
    CREATE INDEX IF NOT EXISTS telemetry_kpi_minute ON telemetry (date_bin('1 minute', ts, TIMESTAMPTZ '2000-01-03 00:00:00+00'))
      WHERE metrics ? 'queueLength' OR metrics ? 'busy';
    CREATE INDEX IF NOT EXISTS telemetry_kpi_hour ON telemetry (date_bin('1 hour', ts, TIMESTAMPTZ '2000-01-03 00:00:00+00'))
      WHERE metrics ? 'queueLength' OR metrics ? 'busy';
  END IF;

  IF timescale THEN
    -- Refresh windows reach 60 days back so late data (a gateway replaying its journal after
    -- an outage) is folded in, yet stay inside raw retention (005) so a refresh never meets
    -- a region whose raw rows are gone. Between refreshes, real-time aggregation covers the
    -- newest buckets. History older than 60 days present at upgrade needs a one-off
    -- CALL refresh_continuous_aggregate('kpi_events_1m', NULL, now() - interval '60 days') (then _1h).
    --
    -- TimescaleDB 2.19+ refreshes in batches of one bucket unless told otherwise: the first
    -- refresh of a 60-day window of minutes is then 86,400 batches (21 s on the test build,
    -- against 40 ms in one go). A day per batch keeps transactions small without that cost.
    -- (PL/pgSQL resolves a call when it runs, so older versions never see the argument.)
    FOR policy IN SELECT * FROM (VALUES ('kpi_events_1m', interval '1 minute', interval '1 minute', 1440),
                                        ('kpi_telemetry_1m', interval '1 minute', interval '1 minute', 1440),
                                        ('kpi_events_1h', interval '1 hour', interval '15 minutes', 24),
                                        ('kpi_telemetry_1h', interval '1 hour', interval '15 minutes', 24))
                  AS p(view_name, end_offset, schedule, buckets_per_batch)
    LOOP
      IF EXISTS (SELECT 1 FROM pg_proc WHERE proname = 'add_continuous_aggregate_policy' AND 'buckets_per_batch' = ANY (proargnames)) THEN
        PERFORM add_continuous_aggregate_policy(policy.view_name::regclass, start_offset => interval '60 days', end_offset => policy.end_offset,
                                                schedule_interval => policy.schedule, if_not_exists => true,
                                                buckets_per_batch => policy.buckets_per_batch);
      ELSE
        PERFORM add_continuous_aggregate_policy(policy.view_name::regclass, start_offset => interval '60 days', end_offset => policy.end_offset,
                                                schedule_interval => policy.schedule, if_not_exists => true);
      END IF;
    END LOOP;
  END IF;
END
$migration$;
