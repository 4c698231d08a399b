// The from/to/limit query of the history routes: RFC 3339 or epoch milliseconds.
import Type from 'typebox';
import { BadRangeError, BadTimeError } from '../errors';

export const TimeRangeQuery = {
  from: Type.Optional(Type.String({ description: 'RFC 3339 or epoch milliseconds; default one hour before `to`' })),
  to: Type.Optional(Type.String({ description: 'RFC 3339 or epoch milliseconds; default now' })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100_000, default: 10_000 })),
};

/** Parses a time given as RFC 3339 or epoch ms; a bad one is a 400 naming the parameter. */
export function parseTime(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined || value === '') return fallback;
  const ms = /^\d+$/.test(value) ? Number(value) : Date.parse(value);
  if (!Number.isFinite(ms)) throw new BadTimeError(name, value);
  return ms;
}

export function parseRange(query: { from?: string; to?: string; limit?: number }): { from: number; to: number; limit: number } {
  const to = parseTime('to', query.to, Date.now());
  const from = parseTime('from', query.from, to - 3_600_000);
  if (from >= to) throw new BadRangeError(`from must be before to (from=${query.from}, to=${query.to})`);
  return { from, to, limit: query.limit ?? 10_000 };
}
