-- TimescaleDB when the server has it, plain PostgreSQL otherwise: detected here, never
-- configured. The queries are written so both give the same answers.
DO $$
BEGIN
  IF EXISTS (SELECT 1 FROM pg_available_extensions WHERE name = 'timescaledb') THEN
    CREATE EXTENSION IF NOT EXISTS timescaledb;
  END IF;
END
$$;

DO $$
BEGIN
  IF EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'timescaledb') THEN
    PERFORM create_hypertable('telemetry', 'ts', if_not_exists => true, migrate_data => true);
    PERFORM create_hypertable('events', 'ts', if_not_exists => true, migrate_data => true);
    PERFORM create_hypertable('device_status', 'ts', if_not_exists => true, migrate_data => true);
  END IF;
END
$$;
