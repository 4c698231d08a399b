-- Issue 8: the viewer role, and an audit log that can only grow. The CHECK is replaced, not
-- edited in 003, because landed migrations are never edited (db/src/migrate.ts checksums them).

ALTER TABLE users DROP CONSTRAINT IF EXISTS users_role_check;
ALTER TABLE users ADD CONSTRAINT users_role_check
  CHECK (role IN ('viewer', 'operator', 'supervisor', 'engineer', 'admin', 'kiosk'));

-- Who did what stays on record: the database itself refuses to change or remove a line, so
-- neither a bug in the server nor a stolen connection of its role can rewrite the past.
CREATE OR REPLACE FUNCTION audit_log_refuse_change() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_log is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$;

DROP TRIGGER IF EXISTS audit_log_append_only ON audit_log;
CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION audit_log_refuse_change();

DROP TRIGGER IF EXISTS audit_log_no_truncate ON audit_log;
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
  FOR EACH STATEMENT EXECUTE FUNCTION audit_log_refuse_change();

-- GET /api/audit reads a time range, optionally of one action or one user.
CREATE INDEX IF NOT EXISTS audit_log_at ON audit_log (at);
CREATE INDEX IF NOT EXISTS audit_log_action_at ON audit_log (action, at);
CREATE INDEX IF NOT EXISTS audit_log_username_at ON audit_log (username, at);
