import { describe, expect, it } from 'vitest';
import { FORGET_AFTER_MS, MAX_LOCK_MS, SignInAttempts } from './sign-in-attempts';

function clocked() {
  let now = 1_763_800_000_000;
  const attempts = new SignInAttempts(() => now);
  return {
    attempts,
    advance: (ms: number) => {
      now += ms;
    },
  };
}

/** Fails the key until it is locked, waits the lock out, and returns the lock's length. */
function nextLock(attempts: SignInAttempts, advance: (ms: number) => void): number {
  for (;;) {
    const { current, ttl } = attempts.attempt('user:planner', 60_000, 5);
    if (current > 5) {
      advance(ttl);
      return ttl;
    }
  }
}

describe('sign-in attempts', () => {
  it('lets max attempts through, then locks for the first lock', () => {
    const { attempts } = clocked();
    const counts = Array.from({ length: 7 }, () => attempts.attempt('user:planner', 60_000, 5));
    expect(counts).toEqual([
      { current: 1, ttl: 0 },
      { current: 2, ttl: 0 },
      { current: 3, ttl: 0 },
      { current: 4, ttl: 0 },
      { current: 5, ttl: 0 },
      { current: 6, ttl: 60_000 },
      { current: 7, ttl: 60_000 },
    ]);
  });

  it('doubles each lock up to an hour', () => {
    const { attempts, advance } = clocked();
    const locks = Array.from({ length: 9 }, () => nextLock(attempts, advance));
    expect(locks).toEqual([60_000, 120_000, 240_000, 480_000, 960_000, 1_920_000, MAX_LOCK_MS, MAX_LOCK_MS, MAX_LOCK_MS]);
  });

  it('does not lengthen a lock for attempts made during it', () => {
    const { attempts, advance } = clocked();
    nextLock(attempts, advance);
    attempts.attempt('user:planner', 60_000, 5); // the one let through after the lock
    expect(attempts.attempt('user:planner', 60_000, 5).ttl).toBe(120_000);
    advance(100_000);
    expect(attempts.attempt('user:planner', 60_000, 5).ttl).toBe(20_000);
    advance(20_000);
    expect(attempts.attempt('user:planner', 60_000, 5)).toEqual({ current: 5, ttl: 0 });
  });

  it('starts clean after a success, or after a day without attempts', () => {
    const { attempts, advance } = clocked();
    nextLock(attempts, advance);
    attempts.clear('user:planner');
    expect(attempts.attempt('user:planner', 60_000, 5)).toEqual({ current: 1, ttl: 0 });
    nextLock(attempts, advance);
    advance(FORGET_AFTER_MS + 1);
    expect(attempts.attempt('user:planner', 60_000, 5)).toEqual({ current: 1, ttl: 0 });
  });

  it("keeps each key's count to itself", () => {
    const { attempts } = clocked();
    for (let n = 0; n < 6; n += 1) attempts.attempt('user:planner', 60_000, 5);
    expect(attempts.attempt('user:foreman', 60_000, 5)).toEqual({ current: 1, ttl: 0 });
  });
});
