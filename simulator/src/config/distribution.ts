// Service-time distributions a flow file can name: fixed, exponential or lognormal, each
// optionally clamped. One schema with a `kind` (not a union) so a bad file gets an error that
// names the missing parameter rather than "must match anyOf".
import Type from 'typebox';
import type { Random } from '../random';

export const Distribution = Type.Object(
  {
    kind: Type.Union([Type.Literal('fixed'), Type.Literal('exponential'), Type.Literal('lognormal')]),
    /** fixed: the value. */
    value: Type.Optional(Type.Number({ minimum: 0 })),
    /** exponential: the mean. */
    mean: Type.Optional(Type.Number({ exclusiveMinimum: 0 })),
    /** lognormal: the median and the sd of its logarithm. */
    median: Type.Optional(Type.Number({ exclusiveMinimum: 0 })),
    sigma: Type.Optional(Type.Number({ minimum: 0, maximum: 3 })),
    /** Clamps (a truck cannot be processed in no time, nor block a lane for ever). */
    min: Type.Optional(Type.Number({ minimum: 0 })),
    max: Type.Optional(Type.Number({ exclusiveMinimum: 0 })),
  },
  { additionalProperties: false },
);
export type Distribution = Type.Static<typeof Distribution>;

/** What a distribution of this kind must carry; errors name the field at `path`. */
export function checkDistribution(d: Distribution, path: string): string[] {
  const need = (field: keyof Distribution): string[] =>
    d[field] === undefined ? [`${path}.${field}: required for a ${d.kind} distribution`] : [];
  const errors = d.kind === 'fixed' ? need('value') : d.kind === 'exponential' ? need('mean') : [...need('median'), ...need('sigma')];
  if (d.min !== undefined && d.max !== undefined && d.min > d.max) errors.push(`${path}.min: ${d.min} is above max ${d.max}`);
  return errors;
}

/** One draw, in the distribution's unit (seconds for service times). */
export function sample(random: Random, d: Distribution): number {
  let x: number;
  switch (d.kind) {
    case 'fixed':
      x = d.value ?? 0;
      break;
    case 'exponential':
      x = random.exponential(d.mean ?? 1);
      break;
    case 'lognormal':
      x = random.lognormal(d.median ?? 1, d.sigma ?? 0);
      break;
  }
  return Math.min(d.max ?? Number.POSITIVE_INFINITY, Math.max(d.min ?? 0, x));
}

/**
 * The mean of the unclamped distribution (what tests and benchmarks compare long-run
 * averages against; clamps set far out in the tails move it by well under a per cent).
 */
export function meanOf(d: Distribution): number {
  switch (d.kind) {
    case 'fixed':
      return d.value ?? 0;
    case 'exponential':
      return d.mean ?? 1;
    case 'lognormal':
      return (d.median ?? 1) * Math.exp((d.sigma ?? 0) ** 2 / 2);
  }
}
