// One fuzz run's traffic, reproducible from its seed: valid messages (each distinct, some sent
// twice) interleaved with malformed ones, and what the database must hold afterwards.
import fc from 'fast-check';
import { malformedMessage } from './malformed-traffic';
import { bodyOf, topicOf, validSkeleton } from './valid-traffic';

export interface Publish {
  topic: string;
  payload: Buffer;
}

export interface FuzzPlan {
  publishes: Publish[];
  malformed: number;
  /** Distinct valid messages per table: each must be stored exactly once. */
  expected: { telemetry: number; events: number; statuses: number };
  /** Valid messages sent a second time (a redelivery must not be stored twice). */
  duplicates: number;
}

/** Builds the traffic; valid device times are spread over the minutes before `now`, one ms apart. */
export function buildFuzzPlan(options: { seed: number; malformed: number; valid: number; duplicateEvery: number; now: number }): FuzzPlan {
  const bad = fc.sample(malformedMessage, { numRuns: options.malformed, seed: options.seed });
  const good = fc.sample(validSkeleton, { numRuns: options.valid, seed: options.seed + 1 });
  const expected = { telemetry: 0, events: 0, statuses: 0 };
  const validPublishes: Publish[] = [];
  const firstTs = options.now - options.valid - 60_000;
  good.forEach((skeleton, index) => {
    const publish = { topic: topicOf(skeleton), payload: Buffer.from(JSON.stringify(bodyOf(skeleton, firstTs + index, index)), 'utf8') };
    validPublishes.push(publish);
    if (skeleton.channel === 'telemetry') expected.telemetry += 1;
    else if (skeleton.channel === 'event') expected.events += 1;
    else expected.statuses += 1;
  });
  const duplicates = validPublishes.filter((_, index) => index % options.duplicateEvery === 0);
  // Interleave deterministically: the valid messages, their repeats and the malformed ones spread evenly.
  const streams = [validPublishes, duplicates, bad.map(({ topic, payload }) => ({ topic, payload }))];
  const total = streams.reduce((sum, stream) => sum + stream.length, 0);
  const publishes: Publish[] = [];
  const taken = streams.map(() => 0);
  for (let step = 0; step < total; step += 1) {
    // Take from the stream furthest behind its share of the run.
    let pick = 0;
    let lag = Number.NEGATIVE_INFINITY;
    streams.forEach((stream, index) => {
      if (taken[index]! >= stream.length) return;
      const behind = ((step + 1) * stream.length) / total - taken[index]!;
      if (behind > lag) {
        lag = behind;
        pick = index;
      }
    });
    publishes.push(streams[pick]![taken[pick]!]!);
    taken[pick]! += 1;
  }
  return { publishes, malformed: bad.length, expected, duplicates: duplicates.length };
}
