// Sign-in attempts per key (a user name, a client address), kept as a store for
// @fastify/rate-limit. Its own stores count requests in a window; sign-in needs more
// (OWASP ASVS 2.2.1): a success clears the count, and each lock after the first lasts twice
// as long as the one before, which the plugin's in-memory store reports but does not enforce
// (fastify/fastify-rate-limit#462).

export interface AttemptCount {
  /** Attempts counted against the key, this one included; above `max` means refused. */
  current: number;
  /** Milliseconds until the key's lock ends; 0 when it is not locked. */
  ttl: number;
}

/** The longest a key is locked, however often it has failed. */
export const MAX_LOCK_MS = 3_600_000;
/** A key not tried for this long starts again with a clean count. */
export const FORGET_AFTER_MS = 24 * 3_600_000;
/** Keys kept; past this the least recently tried are forgotten first. */
const MAX_KEYS = 10_000;

interface Entry {
  attempts: number;
  locks: number;
  lockedUntil: number;
  lastAt: number;
}

export class SignInAttempts {
  private readonly entries = new Map<string, Entry>();

  constructor(private readonly now: () => number = () => Date.now()) {}

  /**
   * Counts one attempt. Up to `max` attempts go through; the next locks the key for
   * `baseLockMs` · 2^(locks so far), capped at MAX_LOCK_MS. Attempts while locked are refused
   * without extending the lock; once it ends, one attempt goes through, and if that one fails
   * too the next locks again, for twice as long.
   */
  attempt(key: string, baseLockMs: number, max: number): AttemptCount {
    const now = this.now();
    let entry = this.entries.get(key);
    if (!entry || (now >= entry.lockedUntil && now - entry.lastAt > FORGET_AFTER_MS)) {
      entry = { attempts: 0, locks: 0, lockedUntil: 0, lastAt: now };
    }
    this.touch(key, entry);
    entry.lastAt = now;
    if (now < entry.lockedUntil) {
      entry.attempts += 1;
      return { current: entry.attempts, ttl: entry.lockedUntil - now };
    }
    // A lock has been served: this attempt is the one let through.
    if (entry.attempts > max) {
      entry.attempts = max;
      return { current: entry.attempts, ttl: 0 };
    }
    entry.attempts += 1;
    if (entry.attempts <= max) return { current: entry.attempts, ttl: 0 };
    const lockMs = Math.min(baseLockMs * 2 ** entry.locks, MAX_LOCK_MS);
    entry.locks += 1;
    entry.lockedUntil = now + lockMs;
    return { current: entry.attempts, ttl: lockMs };
  }

  /** Forgets the key: its user signed in. */
  clear(key: string): void {
    this.entries.delete(key);
  }

  private touch(key: string, entry: Entry): void {
    this.entries.delete(key);
    this.entries.set(key, entry);
    if (this.entries.size > MAX_KEYS) {
      const oldest = this.entries.keys().next();
      if (!oldest.done) this.entries.delete(oldest.value);
    }
  }
}
