-- Compression and retention on TimescaleDB (issue #4, part 6); plain PostgreSQL keeps
-- everything uncompressed, and an operator prunes it by hand.
--
-- Defaults (change with remove_*_policy / add_*_policy):
--   raw telemetry, events, device status: compressed after 7 days, segmented by asset
--   raw telemetry: kept 90 days; events and device status: kept 365 days (journeys, replay)
--   per-minute KPI aggregates: kept 365 days; per-hour KPI aggregates: kept for good
-- Raw retention stays longer than the aggregates' 60-day refresh window (004).

DO $migration$
DECLARE
  raw record;
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'timescaledb') THEN
    RETURN;
  END IF;
  FOR raw IN SELECT * FROM (VALUES ('telemetry', interval '90 days'),
                                   ('events', interval '365 days'),
                                   ('device_status', interval '365 days')) AS r(hypertable, keep)
  LOOP
    -- One device's rows together in time order: the way history and replay read them.
    -- Set once: changing it later is refused while chunks are compressed.
    IF NOT EXISTS (SELECT 1 FROM timescaledb_information.hypertables
                   WHERE hypertable_schema = current_schema() AND hypertable_name = raw.hypertable AND compression_enabled) THEN
      EXECUTE format($$ALTER TABLE %I SET (timescaledb.compress, timescaledb.compress_segmentby = 'asset_id',
                                         timescaledb.compress_orderby = 'ts DESC')$$, raw.hypertable);
    END IF;
    PERFORM add_compression_policy(raw.hypertable, compress_after => interval '7 days', if_not_exists => true);
    PERFORM add_retention_policy(raw.hypertable, drop_after => raw.keep, if_not_exists => true);
  END LOOP;
  PERFORM add_retention_policy(name, drop_after => interval '365 days', if_not_exists => true)
  FROM unnest(ARRAY['kpi_events_1m', 'kpi_telemetry_1m']) AS name;
END
$migration$;
