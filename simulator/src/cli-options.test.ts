// The CLI's start option: a fixed simulated start, so a run can be repeated at any hour.
import { describe, expect, it } from 'vitest';
import { parseCliOptions } from './cli-options';

const parse = (...argv: string[]) => parseCliOptions(argv, {});

describe('--start', () => {
  it('takes an RFC 3339 time with its offset, or epoch milliseconds', () => {
    const start = Date.UTC(2026, 10, 22, 0, 0, 0);
    expect(parse('--start', '2026-11-22T08:00:00+08:00')).toMatchObject({ options: { startMs: start } });
    expect(parse('--start', '2026-11-22T00:00:00Z', '--speed', 'max')).toMatchObject({ options: { startMs: start, speed: 'max' } });
    expect(parse('--start', String(start))).toMatchObject({ options: { startMs: start } });
  });

  it('leaves the start to the speed when not given', () => {
    expect(parse()).toMatchObject({ options: { startMs: undefined } });
  });

  it('refuses a time without an offset, or not a time at all, naming the value', () => {
    expect(parse('--start', '2026-11-22 08:00')).toEqual({
      help: false,
      error: expect.stringContaining('--start "2026-11-22 08:00" is not valid'),
    });
    expect(parse('--start', 'tomorrow')).toEqual({ help: false, error: expect.stringContaining('--start "tomorrow" is not valid') });
  });
});
