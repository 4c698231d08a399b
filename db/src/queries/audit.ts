// The audit log: appended to, read by time range, never changed (migration 007 refuses
// UPDATE, DELETE and TRUNCATE).
import type { Queryable } from '../database';
import type { TimeRange } from './history';

export interface AuditRow {
  id: number;
  /** Epoch ms. */
  at: number;
  username: string;
  action: string;
  subject: string | null;
  detail: Record<string, unknown>;
}

export async function appendAudit(
  db: Queryable,
  entry: { username: string; action: string; subject?: string; detail?: object },
): Promise<void> {
  await db.query('INSERT INTO audit_log (username, action, subject, detail) VALUES ($1, $2, $3, $4)', [
    entry.username,
    entry.action,
    entry.subject ?? null,
    JSON.stringify(entry.detail ?? {}),
  ]);
}

/** Audit lines in [from, to), newest first, optionally of one action and/or one user. */
export async function listAudit(db: Queryable, range: TimeRange, filter: { action?: string; username?: string } = {}): Promise<AuditRow[]> {
  const { rows } = await db.query<AuditRow>(
    `SELECT id, extract(epoch FROM at) * 1000 AS at, username, action, subject, detail
     FROM audit_log
     WHERE at >= to_timestamp($1 / 1000.0) AND at < to_timestamp($2 / 1000.0)
       AND ($4::text IS NULL OR action = $4) AND ($5::text IS NULL OR username = $5)
     ORDER BY at DESC, id DESC LIMIT $3`,
    [range.from, range.to, range.limit, filter.action ?? null, filter.username ?? null],
  );
  return rows.map((row) => ({
    ...row,
    id: Number(row.id),
    at: Math.round(Number(row.at)),
    detail: typeof row.detail === 'string' ? (JSON.parse(row.detail) as Record<string, unknown>) : row.detail,
  }));
}
