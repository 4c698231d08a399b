import { randomBytes, scryptSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { hashPassword, needsRehash, SCRYPT_COST, verifyPassword } from './passwords';

/** A hash in this server's first format: Node's default scrypt cost (N=2^14), not stored. */
function legacyHash(password: string): string {
  const salt = randomBytes(16);
  return `scrypt$${salt.toString('base64url')}$${scryptSync(password, salt, 32).toString('base64url')}`;
}

describe('password hashes', () => {
  it("are made at OWASP's scrypt cost, stored with the hash", async () => {
    const stored = await hashPassword('harbour-master');
    const [scheme, N, r, p, salt, hash] = stored.split('$');
    expect({ scheme, N, r, p }).toEqual({ scheme: 'scrypt', N: '131072', r: '8', p: '1' });
    expect(SCRYPT_COST).toEqual({ N: 2 ** 17, r: 8, p: 1 });
    expect(Buffer.from(salt ?? '', 'base64url')).toHaveLength(16);
    expect(Buffer.from(hash ?? '', 'base64url')).toHaveLength(32);
    expect(await verifyPassword('harbour-master', stored)).toBe(true);
    expect(await verifyPassword('harbour-mistress', stored)).toBe(false);
    expect(needsRehash(stored)).toBe(false);
  });

  it("still verify in the old format (scrypt$salt$hash at Node's defaults), which asks to be made again", async () => {
    const stored = legacyHash('quay-crane-7');
    expect(await verifyPassword('quay-crane-7', stored)).toBe(true);
    expect(await verifyPassword('quay-crane-8', stored)).toBe(false);
    expect(needsRehash(stored)).toBe(true);
  });

  it('verify at whatever cost a hash records', async () => {
    const salt = randomBytes(16);
    const key = scryptSync('gate-lane', salt, 32, { N: 2 ** 15, r: 8, p: 2, maxmem: 64 * 1024 * 1024 });
    const stored = `scrypt$32768$8$2$${salt.toString('base64url')}$${key.toString('base64url')}`;
    expect(await verifyPassword('gate-lane', stored)).toBe(true);
    expect(needsRehash(stored)).toBe(true);
  });

  it('never match for an unknown user, a malformed hash or one asking for too much memory', async () => {
    const salt = randomBytes(16).toString('base64url');
    const hash = randomBytes(32).toString('base64url');
    for (const stored of [
      null,
      '',
      'plain-text',
      `bcrypt$${salt}$${hash}`,
      `scrypt$${salt}`,
      `scrypt$1000$8$1$${salt}$${hash}`,
      `scrypt$1048576$8$1$${salt}$${hash}`,
      `scrypt$131072$8$99$${salt}$${hash}`,
      `scrypt$131072$8$1$$${hash}`,
    ]) {
      expect(await verifyPassword('anything', stored), String(stored)).toBe(false);
    }
  });
});
