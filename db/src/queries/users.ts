// Users and the shared signing secret (the audit log: audit.ts).
import type { Role } from '@porttwin/contracts';
import type { Database, Queryable } from '../database';

// Declared in contracts; re-exported only until the server's auth plugin takes it from there.
export type { Role };

export interface StoredUser {
  username: string;
  passwordHash: string;
  role: Role;
}

export async function findUser(db: Queryable, username: string): Promise<StoredUser | null> {
  const { rows } = await db.query<StoredUser>('SELECT username, password_hash AS "passwordHash", role FROM users WHERE username = $1', [
    username,
  ]);
  return rows[0] ?? null;
}

export async function countUsers(db: Queryable): Promise<number> {
  const { rows } = await db.query<{ n: number | string }>('SELECT count(*) AS n FROM users');
  return Number(rows[0]?.n ?? 0);
}

/** Creates a user unless one of that name exists; true when created. */
export async function createUser(db: Queryable, user: StoredUser): Promise<boolean> {
  const { rows } = await db.query(
    'INSERT INTO users (username, password_hash, role) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING RETURNING username',
    [user.username, user.passwordHash, user.role],
  );
  return rows.length > 0;
}

/** Replaces a user's stored password hash (a rehash at today's cost after a sign-in). */
export async function updatePasswordHash(db: Queryable, username: string, passwordHash: string): Promise<void> {
  await db.query('UPDATE users SET password_hash = $2 WHERE username = $1', [username, passwordHash]);
}

/** The named secret, created from `generate` the first time (by whichever server is first). */
export async function ensureSecret(db: Queryable, name: string, generate: () => string): Promise<string> {
  await db.query('INSERT INTO server_secrets (name, value) VALUES ($1, $2) ON CONFLICT DO NOTHING', [name, generate()]);
  const { rows } = await db.query<{ value: string }>('SELECT value FROM server_secrets WHERE name = $1', [name]);
  if (!rows[0]) throw new Error(`db: secret ${name} vanished after insert`);
  return rows[0].value;
}

export interface UserRow {
  username: string;
  role: Role;
  /** Epoch ms. */
  createdAt: number;
}

/** Every user, by name. */
export async function listUsers(db: Queryable): Promise<UserRow[]> {
  const { rows } = await db.query<{ username: string; role: Role; created_at: Date | string }>(
    'SELECT username, role, created_at FROM users ORDER BY username',
  );
  return rows.map((row) => ({ username: row.username, role: row.role, createdAt: new Date(row.created_at).getTime() }));
}

export async function findUserRow(db: Queryable, username: string): Promise<UserRow | null> {
  const { rows } = await db.query<{ username: string; role: Role; created_at: Date | string }>(
    'SELECT username, role, created_at FROM users WHERE username = $1',
    [username],
  );
  const row = rows[0];
  return row ? { username: row.username, role: row.role, createdAt: new Date(row.created_at).getTime() } : null;
}

/** What changing or deleting a user came to; `last-admin` changed nothing. */
export type UserChange = 'done' | 'not-found' | 'last-admin';

/**
 * Changes a user's role and/or password hash, unless that would leave no admin. The admins'
 * rows are locked first, so two admins demoting each other at once cannot both succeed.
 */
export async function changeUser(
  db: Database,
  username: string,
  change: { role?: Role; passwordHash?: string },
): Promise<{ outcome: UserChange; before: UserRow | null }> {
  return db.transaction(async (tx) => {
    const admins = await lockAdmins(tx);
    const before = await findUserRow(tx, username);
    if (!before) return { outcome: 'not-found', before };
    if (change.role !== undefined && change.role !== 'admin' && before.role === 'admin' && admins.length <= 1)
      return { outcome: 'last-admin', before };
    await tx.query('UPDATE users SET role = COALESCE($2, role), password_hash = COALESCE($3, password_hash) WHERE username = $1', [
      username,
      change.role ?? null,
      change.passwordHash ?? null,
    ]);
    return { outcome: 'done', before };
  });
}

/** Deletes a user, unless it is the last admin. */
export async function deleteUser(db: Database, username: string): Promise<{ outcome: UserChange; before: UserRow | null }> {
  return db.transaction(async (tx) => {
    const admins = await lockAdmins(tx);
    const before = await findUserRow(tx, username);
    if (!before) return { outcome: 'not-found', before };
    if (before.role === 'admin' && admins.length <= 1) return { outcome: 'last-admin', before };
    await tx.query('DELETE FROM users WHERE username = $1', [username]);
    return { outcome: 'done', before };
  });
}

async function lockAdmins(tx: Queryable): Promise<string[]> {
  const { rows } = await tx.query<{ username: string }>("SELECT username FROM users WHERE role = 'admin' ORDER BY username FOR UPDATE");
  return rows.map((row) => row.username);
}
