import { describe, expect, it } from 'vitest';
import { shiftAt } from './shifts';

const HOUR = 3_600_000;
const SHIFTS = [
  { name: 'night', start: '00:00' },
  { name: 'day', start: '08:00' },
  { name: 'evening', start: '16:30' },
];
// The site is UTC+8: 2026-11-22 00:00 local is 2026-11-21 16:00 UTC.
const OFFSET = 8 * HOUR;
const LOCAL_MIDNIGHT = Date.UTC(2026, 10, 22) - OFFSET;

describe('the shift an instant falls in', () => {
  it('starts at its clock time in local time and ends where the next begins', () => {
    expect(shiftAt(SHIFTS, LOCAL_MIDNIGHT + 9 * HOUR, OFFSET)).toEqual({
      name: 'day',
      start: LOCAL_MIDNIGHT + 8 * HOUR,
      end: LOCAL_MIDNIGHT + 16.5 * HOUR,
    });
    expect(shiftAt(SHIFTS, LOCAL_MIDNIGHT + 8 * HOUR, OFFSET).name).toBe('day');
    expect(shiftAt(SHIFTS, LOCAL_MIDNIGHT + 8 * HOUR - 1, OFFSET).name).toBe('night');
  });

  it('runs the last shift of the day over midnight into the first of the next', () => {
    const twoShifts = [
      { name: 'day', start: '08:00' },
      { name: 'night', start: '20:00' },
    ];
    const night = { name: 'night', start: LOCAL_MIDNIGHT - 4 * HOUR, end: LOCAL_MIDNIGHT + 8 * HOUR };
    expect(shiftAt(twoShifts, LOCAL_MIDNIGHT + 3 * HOUR, OFFSET)).toEqual(night);
    expect(shiftAt(twoShifts, LOCAL_MIDNIGHT - 1 * HOUR, OFFSET)).toEqual(night);
  });

  it('is one shift all day when the file names one', () => {
    expect(shiftAt([{ name: 'all', start: '06:00' }], LOCAL_MIDNIGHT + 5 * HOUR, OFFSET)).toEqual({
      name: 'all',
      start: LOCAL_MIDNIGHT - 18 * HOUR,
      end: LOCAL_MIDNIGHT + 6 * HOUR,
    });
  });
});
