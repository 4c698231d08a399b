// Signing in against a hostile network: guesses are throttled per user and per address
// (429 with Retry-After, locks that double, a success clearing the count), and a hash in the
// old format is made again at today's cost once its password is proven.
import { randomBytes, scryptSync } from 'node:crypto';
import { createUser, type Database, findUser, openDatabase } from '@porttwin/db';
import { readSiteFile, SMALL_PORT_SITE_FILE } from '@porttwin/simulator';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { type App, buildApp } from '../app';
import { hashPassword } from '../auth/passwords';

const site = readSiteFile(SMALL_PORT_SITE_FILE);
const PASSWORD = 'gate-keeper-7';

describe('signing in', () => {
  let db: Database;
  let app: App;

  beforeAll(async () => {
    db = await openDatabase();
    app = await buildApp({ db, site, adminPassword: 'harbour-master', clientDir: '/nonexistent' });
    await app.ready();
    const passwordHash = await hashPassword(PASSWORD);
    for (const username of ['planner', 'foreman', 'checker', 'tally']) await createUser(db, { username, passwordHash, role: 'operator' });
  });
  afterAll(async () => {
    await app?.close();
    await db?.close();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  const signIn = (username: string, password: string, remoteAddress: string) =>
    app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password }, remoteAddress });

  it('answers the sixth quick wrong password 429 with Retry-After, and does not check the password then', async () => {
    for (let attempt = 1; attempt <= 5; attempt += 1) {
      const refused = await signIn('planner', 'guess', '198.51.100.1');
      expect({ attempt, status: refused.statusCode, code: refused.json().code }).toEqual({
        attempt,
        status: 401,
        code: 'PT_BAD_CREDENTIALS',
      });
    }
    const throttled = await signIn('planner', 'guess', '198.51.100.1');
    expect(throttled.statusCode).toBe(429);
    expect(throttled.headers['retry-after']).toBe('60');
    expect(throttled.json()).toEqual({
      statusCode: 429,
      code: 'PT_TOO_MANY_SIGN_INS',
      error: 'Too Many Requests',
      message: 'server: too many failed sign-ins as this user; try again in 60 s',
    });
    // The right password, from another address, is not even looked at while the user is locked.
    const right = await signIn('planner', PASSWORD, '198.51.100.2');
    expect(right.statusCode).toBe(429);
    expect(Number(right.headers['retry-after'])).toBeLessThanOrEqual(60);
  });

  it('locks again for twice as long after each further failure, until a success clears the count', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(Date.now());
    const from = '198.51.100.3';
    for (let attempt = 1; attempt <= 5; attempt += 1) expect((await signIn('foreman', 'guess', from)).statusCode).toBe(401);
    expect((await signIn('foreman', 'guess', from)).headers['retry-after']).toBe('60');

    vi.setSystemTime(Date.now() + 60_000);
    expect((await signIn('foreman', 'guess', from)).statusCode).toBe(401);
    const second = await signIn('foreman', PASSWORD, from);
    expect({ status: second.statusCode, retryAfter: second.headers['retry-after'] }).toEqual({ status: 429, retryAfter: '120' });

    vi.setSystemTime(Date.now() + 119_000);
    expect((await signIn('foreman', PASSWORD, from)).headers['retry-after']).toBe('1');
    vi.setSystemTime(Date.now() + 1_000);
    expect((await signIn('foreman', PASSWORD, from)).statusCode).toBe(200);

    // Cleared: five wrong passwords are answered 401 again, and the next lock is the first one.
    for (let attempt = 1; attempt <= 5; attempt += 1) expect((await signIn('foreman', 'guess', from)).statusCode).toBe(401);
    expect((await signIn('foreman', 'guess', from)).headers['retry-after']).toBe('60');
  });

  it('lets exactly five of ten guesses sent at once through to the password check', async () => {
    const answers = await Promise.all(Array.from({ length: 10 }, () => signIn('checker', 'guess', '198.51.100.4')));
    const statuses = answers.map((answer) => answer.statusCode).sort();
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429, 429, 429, 429, 429]);
  });

  it('throttles one address trying many user names, and not the others', async () => {
    const from = '203.0.113.9';
    const answers = await Promise.all(Array.from({ length: 20 }, (_, n) => signIn(`nobody-${n}`, 'guess', from)));
    expect(answers.map((answer) => answer.statusCode)).toEqual(Array.from({ length: 20 }, () => 401));
    const throttled = await signIn('tally', PASSWORD, from);
    expect({ status: throttled.statusCode, message: throttled.json().message }).toEqual({
      status: 429,
      message: 'server: too many failed sign-ins from this address; try again in 60 s',
    });
    expect((await signIn('tally', PASSWORD, '203.0.113.10')).statusCode).toBe(200);
  });

  it("takes an IPv6 client's whole /64 for one address", async () => {
    const answers = await Promise.all(
      Array.from({ length: 20 }, (_, n) => signIn(`nobody-v6-${n}`, 'guess', `2001:db8:7:1::${(n + 1).toString(16)}`)),
    );
    expect(answers.every((answer) => answer.statusCode === 401)).toBe(true);
    expect((await signIn('tally', PASSWORD, '2001:db8:7:1:ffff::1')).statusCode).toBe(429);
  });

  it('upgrades a hash stored in the old format once its password signs in', async () => {
    const salt = randomBytes(16);
    const legacy = `scrypt$${salt.toString('base64url')}$${scryptSync('berth-4', salt, 32).toString('base64url')}`;
    await createUser(db, { username: 'pilot', passwordHash: legacy, role: 'engineer' });
    const first = await signIn('pilot', 'berth-4', '198.51.100.5');
    expect(first.json().user).toEqual({ username: 'pilot', role: 'engineer' });
    const upgraded = (await findUser(db, 'pilot'))?.passwordHash ?? '';
    expect(upgraded).toMatch(/^scrypt\$131072\$8\$1\$[\w-]{22}\$[\w-]{43}$/);
    expect((await signIn('pilot', 'berth-4', '198.51.100.5')).statusCode).toBe(200);
    expect((await signIn('pilot', 'berth-5', '198.51.100.5')).statusCode).toBe(401);
  });
});
