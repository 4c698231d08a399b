// Where a run starts on the simulated clock: the defaults per speed, and a fixed start checked.
import { describe, expect, it } from 'vitest';
import { checkStartMs, defaultStartMs } from './run-clock';

describe('defaultStartMs', () => {
  it('starts a real-time run now, and a faster one its duration (or an hour) before now', () => {
    expect(defaultStartMs(1_000_000_000, 1, 600)).toBe(1_000_000_000);
    expect(defaultStartMs(1_000_000_000, 10, 600)).toBe(1_000_000_000 - 600_000);
    expect(defaultStartMs(1_000_000_000, 'max', undefined)).toBe(1_000_000_000 - 3_600_000);
  });
});

describe('checkStartMs', () => {
  const now = Date.UTC(2026, 10, 22, 12, 0, 0);

  it('takes a start up to the wall clock', () => {
    expect(() => checkStartMs(now - 86_400_000, now)).not.toThrow();
    expect(() => checkStartMs(now, now)).not.toThrow();
  });

  it('refuses a start after the wall clock, naming both', () => {
    expect(() => checkStartMs(now + 1, now)).toThrow(
      'simulator: startMs 2026-11-22T12:00:00.001Z is after the wall clock (2026-11-22T12:00:00.000Z)',
    );
  });

  it('refuses a start that is not a time', () => {
    expect(() => checkStartMs(Number.NaN, now)).toThrow('simulator: startMs must be epoch milliseconds, got NaN');
  });
});
