// Sessions on record (migrations/009_sessions.sql): opened at sign-in or from a kiosk token,
// looked up by the hash of their token on each request, touched while in use, ended by
// signing out, by an admin's change to the user, or by revoking their kiosk token.
import type { Role } from '@porttwin/contracts';
import type { Queryable } from '../database';

export type SessionEndReason = 'sign-out' | 'user-changed' | 'kiosk-revoked';

export interface SessionRow {
  id: string;
  username: string;
  kioskTokenId: string | null;
  /** The role it acts with now: the user's current role, 'kiosk', or null (user deleted). */
  role: Role | null;
  /** Epoch ms. */
  createdAt: number;
  lastSeenAt: number;
  /** The absolute end. */
  expiresAt: number;
  endedAt: number | null;
  /** Whether its kiosk token was revoked (always false for a user's session). */
  kioskRevoked: boolean;
}

const epoch = (column: string) => `extract(epoch FROM ${column}) * 1000`;
const COLUMNS = `s.id, s.username, s.kiosk_token_id AS "kioskTokenId",
  CASE WHEN s.kiosk_token_id IS NULL THEN u.role ELSE 'kiosk' END AS role,
  ${epoch('s.created_at')} AS "createdAt", ${epoch('s.last_seen_at')} AS "lastSeenAt", ${epoch('s.expires_at')} AS "expiresAt",
  ${epoch('s.ended_at')} AS "endedAt", COALESCE(k.revoked_at IS NOT NULL, false) AS "kioskRevoked"`;
const JOINS = `FROM sessions s
  LEFT JOIN users u ON s.kiosk_token_id IS NULL AND u.username = s.username
  LEFT JOIN kiosk_tokens k ON k.id = s.kiosk_token_id`;

function toRow(row: SessionRow): SessionRow {
  const ms = (value: unknown) => Math.round(Number(value));
  return {
    ...row,
    createdAt: ms(row.createdAt),
    lastSeenAt: ms(row.lastSeenAt),
    expiresAt: ms(row.expiresAt),
    endedAt: row.endedAt === null ? null : ms(row.endedAt),
    kioskRevoked: row.kioskRevoked === true,
  };
}

export interface NewSession {
  id: string;
  tokenHash: string;
  username: string;
  kioskTokenId: string | null;
  /** Epoch ms. */
  now: number;
  expiresAt: number;
  address: string | null;
  userAgent: string | null;
}

export async function insertSession(db: Queryable, session: NewSession): Promise<void> {
  await db.query(
    `INSERT INTO sessions (id, token_hash, username, kiosk_token_id, created_at, last_seen_at, expires_at, address, user_agent)
     VALUES ($1, $2, $3, $4, to_timestamp($5 / 1000.0), to_timestamp($5 / 1000.0), to_timestamp($6 / 1000.0), $7, $8)`,
    [
      session.id,
      session.tokenHash,
      session.username,
      session.kioskTokenId,
      session.now,
      session.expiresAt,
      session.address,
      session.userAgent?.slice(0, 256) ?? null,
    ],
  );
}

/** The session whose token hashes to this, ended or not, or null. */
export async function findSessionByTokenHash(db: Queryable, tokenHash: string): Promise<SessionRow | null> {
  const { rows } = await db.query<SessionRow>(`SELECT ${COLUMNS} ${JOINS} WHERE s.token_hash = $1`, [tokenHash]);
  return rows[0] ? toRow(rows[0]) : null;
}

/** One session by id, or null. */
export async function findSession(db: Queryable, id: string): Promise<SessionRow | null> {
  const { rows } = await db.query<SessionRow>(`SELECT ${COLUMNS} ${JOINS} WHERE s.id = $1`, [id]);
  return rows[0] ? toRow(rows[0]) : null;
}

/** Records use of a session (idle expiry counts from the last). */
export async function touchSession(db: Queryable, id: string, now: number): Promise<void> {
  await db.query('UPDATE sessions SET last_seen_at = greatest(last_seen_at, to_timestamp($2 / 1000.0)) WHERE id = $1', [id, now]);
}

/** Ends one session; true when it was open. */
export async function endSession(db: Queryable, id: string, reason: SessionEndReason): Promise<boolean> {
  const { rows } = await db.query(
    'UPDATE sessions SET ended_at = now(), ended_reason = $2 WHERE id = $1 AND ended_at IS NULL RETURNING id',
    [id, reason],
  );
  return rows.length > 0;
}

/** Ends every open session of a user (deleted, or a new password) but `except`; returns their ids. */
export async function endSessionsOfUser(
  db: Queryable,
  username: string,
  reason: SessionEndReason,
  except: string | null = null,
): Promise<string[]> {
  const { rows } = await db.query<{ id: string }>(
    `UPDATE sessions SET ended_at = now(), ended_reason = $2
     WHERE username = $1 AND kiosk_token_id IS NULL AND ended_at IS NULL AND id IS DISTINCT FROM $3 RETURNING id`,
    [username, reason, except],
  );
  return rows.map((row) => row.id);
}

/** Forgets sessions that ended or expired more than `keepMs` ago; returns how many. */
export async function deleteOldSessions(db: Queryable, before: number): Promise<number> {
  const { rows } = await db.query(
    `DELETE FROM sessions WHERE expires_at < to_timestamp($1 / 1000.0) OR ended_at < to_timestamp($1 / 1000.0) RETURNING id`,
    [before],
  );
  return rows.length;
}
