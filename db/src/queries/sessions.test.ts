// Sessions as the database holds them (migration 009): found by their token's hash with the
// role their user has now, touched, ended once, ended all together for a user, and forgotten
// some while after they are over.
import { afterEach, describe, expect, it } from 'vitest';
import type { Database } from '../database';
import { testDatabases } from '../test-databases';
import { insertKioskToken, revokeKioskToken } from './kiosk-tokens';
import {
  deleteOldSessions,
  endSession,
  endSessionsOfUser,
  findSession,
  findSessionByTokenHash,
  insertSession,
  touchSession,
} from './sessions';
import { changeUser, createUser } from './users';

const engines = await testDatabases();
const HOUR = 3_600_000;

describe.each(engines)('sessions on $name', (engine) => {
  let db: Database;
  let dispose: () => Promise<void> = async () => {};
  afterEach(() => dispose());

  const open = (id: string, username: string, now: number, expiresAt: number, kioskTokenId: string | null = null) =>
    insertSession(db, { id, tokenHash: `hash-${id}`, username, kioskTokenId, now, expiresAt, address: '203.0.113.7', userAgent: 'wall' });

  it("finds a session by its token's hash with its user's role now, and touches and ends it once", async () => {
    ({ db, dispose } = await engine.open());
    const now = Date.now();
    await createUser(db, { username: 'berth-planner', passwordHash: 'scrypt$x', role: 'operator' });
    await open('s-1', 'berth-planner', now, now + 12 * HOUR);
    expect(await findSessionByTokenHash(db, 'hash-s-1')).toEqual({
      id: 's-1',
      username: 'berth-planner',
      kioskTokenId: null,
      role: 'operator',
      createdAt: now,
      lastSeenAt: now,
      expiresAt: now + 12 * HOUR,
      endedAt: null,
      kioskRevoked: false,
    });
    await changeUser(db, 'berth-planner', { role: 'supervisor' });
    await touchSession(db, 's-1', now + HOUR);
    await touchSession(db, 's-1', now + 30 * 60_000); // an older touch arriving late moves nothing back
    expect(await findSession(db, 's-1')).toMatchObject({ role: 'supervisor', lastSeenAt: now + HOUR });
    expect(await endSession(db, 's-1', 'sign-out')).toBe(true);
    expect(await endSession(db, 's-1', 'sign-out')).toBe(false);
    expect((await findSession(db, 's-1'))?.endedAt).toEqual(expect.any(Number));
    expect(await findSessionByTokenHash(db, 'no-such-hash')).toBeNull();
  });

  it("ends a user's sessions but the one kept, and none of a wall screen's; a kiosk session knows its token was revoked", async () => {
    ({ db, dispose } = await engine.open());
    const now = Date.now();
    await insertKioskToken(db, { id: 'k-1', name: 'quay-wall', issuedBy: 'admin', expiresAt: now + 90 * 24 * HOUR });
    for (const id of ['a', 'b', 'c']) await open(id, 'night-admin', now, now + HOUR);
    await open('wall', 'kiosk:quay-wall', now, now + HOUR, 'k-1');
    expect((await endSessionsOfUser(db, 'night-admin', 'user-changed', 'b')).sort()).toEqual(['a', 'c']);
    expect((await findSession(db, 'b'))?.endedAt).toBeNull();
    expect(await findSession(db, 'wall')).toMatchObject({ role: 'kiosk', kioskRevoked: false, endedAt: null });
    await revokeKioskToken(db, 'k-1', 'admin');
    expect(await findSession(db, 'wall')).toMatchObject({ kioskRevoked: true });
  });

  it('forgets sessions over before the cut-off, and keeps the rest', async () => {
    ({ db, dispose } = await engine.open());
    const now = Date.now();
    await open('expired-long-ago', 'clerk', now - 30 * 24 * HOUR, now - 20 * 24 * HOUR);
    await open('ended-just-now', 'clerk', now, now + HOUR);
    await endSession(db, 'ended-just-now', 'sign-out');
    await open('open', 'clerk', now, now + HOUR);
    expect(await deleteOldSessions(db, now - 7 * 24 * HOUR)).toBe(1);
    expect(await findSession(db, 'expired-long-ago')).toBeNull();
    expect((await findSession(db, 'ended-just-now'))?.id).toBe('ended-just-now');
    expect((await findSession(db, 'open'))?.id).toBe('open');
  });
});
