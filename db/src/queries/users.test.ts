// Roles and the audit log as the database holds them (migration 007): the viewer role is
// accepted and an unknown one refused; an audit line, once written, cannot be changed or removed.
import { afterEach, describe, expect, it } from 'vitest';
import type { Database } from '../database';
import { testDatabases } from '../test-databases';
import { appendAudit } from './audit';
import { createUser, findUser } from './users';

const engines = await testDatabases();

describe.each(engines)('users and the audit log on $name', (engine) => {
  let db: Database;
  let dispose: () => Promise<void> = async () => {};
  afterEach(() => dispose());

  async function open() {
    ({ db, dispose } = await engine.open());
  }

  it('takes a viewer and refuses a role it does not know', async () => {
    await open();
    expect(await createUser(db, { username: 'visitor', passwordHash: 'scrypt$x$y', role: 'viewer' })).toBe(true);
    expect(await findUser(db, 'visitor')).toEqual({ username: 'visitor', passwordHash: 'scrypt$x$y', role: 'viewer' });
    await expect(db.query("INSERT INTO users (username, password_hash, role) VALUES ('root', 'h', 'superuser')")).rejects.toThrow(
      /users_role_check/,
    );
  });

  it('refuses to update, delete or truncate an audit line', async () => {
    await open();
    await appendAudit(db, { username: 'admin', action: 'user.create', subject: 'visitor', detail: { role: 'viewer' } });
    await expect(db.query("UPDATE audit_log SET username = 'someone-else'")).rejects.toThrow('audit_log is append-only: UPDATE refused');
    await expect(db.query('DELETE FROM audit_log')).rejects.toThrow('audit_log is append-only: DELETE refused');
    await expect(db.query('TRUNCATE audit_log')).rejects.toThrow('audit_log is append-only: TRUNCATE refused');
    const { rows } = await db.query<{ username: string; action: string }>('SELECT username, action FROM audit_log');
    expect(rows).toEqual([{ username: 'admin', action: 'user.create' }]);
  });
});
