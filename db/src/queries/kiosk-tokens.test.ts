// Kiosk tokens as the database holds them (migration 008): recorded, listed newest first,
// revoked once (a second revocation keeps the first one's time and admin), unknown ids none.
import { afterEach, describe, expect, it } from 'vitest';
import type { Database } from '../database';
import { testDatabases } from '../test-databases';
import { findKioskToken, insertKioskToken, listKioskTokens, revokeKioskToken } from './kiosk-tokens';

const engines = await testDatabases();

describe.each(engines)('kiosk tokens on $name', (engine) => {
  let db: Database;
  let dispose: () => Promise<void> = async () => {};
  afterEach(() => dispose());

  it('records, lists and revokes a token, keeping the first revocation', async () => {
    ({ db, dispose } = await engine.open());
    const expiresAt = Date.now() + 86_400_000;
    const issued = await insertKioskToken(db, { id: 'k-1', name: 'quay-wall', issuedBy: 'admin', expiresAt });
    expect(issued).toMatchObject({ id: 'k-1', name: 'quay-wall', issuedBy: 'admin', revokedAt: null, revokedBy: null });
    expect(Math.abs(issued.expiresAt - expiresAt)).toBeLessThan(2);
    await insertKioskToken(db, { id: 'k-2', name: 'gate-wall', issuedBy: 'admin', expiresAt });
    expect((await listKioskTokens(db)).map((row) => row.id)).toEqual(['k-2', 'k-1']);

    const revoked = await revokeKioskToken(db, 'k-1', 'admin');
    expect(revoked?.revokedAt).toEqual(expect.any(Number));
    expect(revoked?.revokedBy).toBe('admin');
    expect((await revokeKioskToken(db, 'k-1', 'second-admin'))?.revokedBy).toBe('admin');
    expect(await findKioskToken(db, 'k-1')).toEqual(revoked);
    expect(await revokeKioskToken(db, 'no-such', 'admin')).toBeNull();
    expect(await findKioskToken(db, 'no-such')).toBeNull();
  });
});
