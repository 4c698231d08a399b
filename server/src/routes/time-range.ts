// The from/to/limit query of the history routes: RFC 3339 or epoch milliseconds, within the
// bounds of limits.ts.
import Type from 'typebox';
import { BadRangeError, BadTimeError } from '../errors';
import { DEFAULT_ROWS, MAX_RAW_SPAN_MS, MAX_ROWS } from '../limits';

const DAY_MS = 24 * 3_600_000;
/** 0000-01-01 to 9999-12-31, what RFC 3339 can write and PostgreSQL can store. */
const EARLIEST_MS = Date.parse('0000-01-01T00:00:00Z');
const LATEST_MS = Date.parse('9999-12-31T23:59:59.999Z');

export const TimeRangeQuery = {
  from: Type.Optional(Type.String({ maxLength: 40, description: 'RFC 3339 or epoch milliseconds; default one hour before `to`' })),
  to: Type.Optional(Type.String({ maxLength: 40, description: 'RFC 3339 or epoch milliseconds; default now' })),
  limit: Type.Optional(
    Type.Integer({ minimum: 1, maximum: MAX_ROWS, default: DEFAULT_ROWS, description: `rows at most; up to ${MAX_ROWS}` }),
  ),
};

/** Parses a time given as RFC 3339 or epoch ms; a bad one is a 400 naming the parameter. */
export function parseTime(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined || value === '') return fallback;
  const ms = /^\d+$/.test(value) ? Number(value) : Date.parse(value);
  if (!Number.isFinite(ms) || ms < EARLIEST_MS || ms > LATEST_MS) throw new BadTimeError(name, value);
  return ms;
}

/**
 * The range asked for: from before to, and (for raw rows, `maxSpanMs`) no wider than
 * MAX_RAW_SPAN_MS; a range past it is a 400 that says how to narrow it.
 */
export function parseRange(
  query: { from?: string; to?: string; limit?: number },
  maxSpanMs: number | null = MAX_RAW_SPAN_MS,
): { from: number; to: number; limit: number } {
  const to = parseTime('to', query.to, Date.now());
  const from = parseTime('from', query.from, to - 3_600_000);
  if (from >= to) throw new BadRangeError(`from must be before to (from=${query.from}, to=${query.to})`);
  if (maxSpanMs !== null && to - from > maxSpanMs) {
    throw new BadRangeError(
      `from=${query.from ?? '(to - 1 h)'} to=${query.to ?? '(now)'} spans ${formatDays(to - from)}; raw history is served at most ${formatDays(maxSpanMs)} at a time: narrow from or to`,
    );
  }
  return { from, to, limit: query.limit ?? DEFAULT_ROWS };
}

function formatDays(ms: number): string {
  const days = ms / DAY_MS;
  return `${Number.isInteger(days) ? days : days.toFixed(1)} days`;
}
