// Kiosk tokens on record (migrations/008_kiosk_tokens.sql): issued, listed, looked up by the
// auth check, revoked. The signed token itself is never stored.
import type { Queryable } from '../database';

export interface KioskTokenRow {
  id: string;
  name: string;
  issuedBy: string;
  /** Epoch ms. */
  createdAt: number;
  /** Epoch ms. */
  expiresAt: number;
  revokedAt: number | null;
  revokedBy: string | null;
}

const COLUMNS = `id, name, issued_by AS "issuedBy", extract(epoch FROM created_at) * 1000 AS "createdAt",
  extract(epoch FROM expires_at) * 1000 AS "expiresAt", extract(epoch FROM revoked_at) * 1000 AS "revokedAt", revoked_by AS "revokedBy"`;

function toRow(row: KioskTokenRow): KioskTokenRow {
  return {
    ...row,
    createdAt: Math.round(Number(row.createdAt)),
    expiresAt: Math.round(Number(row.expiresAt)),
    revokedAt: row.revokedAt === null ? null : Math.round(Number(row.revokedAt)),
  };
}

/** Records a kiosk token just issued. */
export async function insertKioskToken(
  db: Queryable,
  token: { id: string; name: string; issuedBy: string; expiresAt: number },
): Promise<KioskTokenRow> {
  const { rows } = await db.query<KioskTokenRow>(
    `INSERT INTO kiosk_tokens (id, name, issued_by, expires_at) VALUES ($1, $2, $3, to_timestamp($4 / 1000.0)) RETURNING ${COLUMNS}`,
    [token.id, token.name, token.issuedBy, token.expiresAt],
  );
  return toRow(rows[0]!);
}

/** Every kiosk token on record, newest first, revoked ones included. */
export async function listKioskTokens(db: Queryable): Promise<KioskTokenRow[]> {
  const { rows } = await db.query<KioskTokenRow>(`SELECT ${COLUMNS} FROM kiosk_tokens ORDER BY created_at DESC, id`);
  return rows.map(toRow);
}

/** One kiosk token, or null when there is none of that id. */
export async function findKioskToken(db: Queryable, id: string): Promise<KioskTokenRow | null> {
  const { rows } = await db.query<KioskTokenRow>(`SELECT ${COLUMNS} FROM kiosk_tokens WHERE id = $1`, [id]);
  return rows[0] ? toRow(rows[0]) : null;
}

/**
 * Revokes a kiosk token; the first revocation's time and admin stay. Returns the row, or
 * null when there is no token of that id.
 */
export async function revokeKioskToken(db: Queryable, id: string, revokedBy: string): Promise<KioskTokenRow | null> {
  const { rows } = await db.query<KioskTokenRow>(
    `UPDATE kiosk_tokens SET revoked_at = COALESCE(revoked_at, now()), revoked_by = COALESCE(revoked_by, $2)
     WHERE id = $1 RETURNING ${COLUMNS}`,
    [id, revokedBy],
  );
  return rows[0] ? toRow(rows[0]) : null;
}
