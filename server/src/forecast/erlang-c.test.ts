import { describe, expect, it } from 'vitest';
import { erlangC, queueByBucket } from './erlang-c';

describe('the queueing model of the gate lanes', () => {
  it('gives Erlang C as the textbook does', () => {
    // One server: the probability of waiting is the utilisation.
    expect(erlangC(1, 0.6)).toBeCloseTo(0.6, 12);
    // Two servers at a = 1: C = 1/3 (B = 0.2; C = B / (1 - ρ + ρB) = 0.2 / 0.6).
    expect(erlangC(2, 1)).toBeCloseTo(1 / 3, 12);
    expect(erlangC(3, 0)).toBe(0);
    expect(erlangC(2, 2)).toBe(1);
  });

  it('waits the M/M/c wait while the lanes keep up', () => {
    // One lane of 60 s, 9 trucks in 15 min: λ = 0.01/s, μ = 1/60 → Wq = C/(μ - λ) = 0.6/(1/60 - 0.01) = 90 s.
    const [bucket] = queueByBucket([{ arrivals: 9 }], 1, 60, 900, 0);
    expect(bucket!.capacity).toBe(15);
    expect(bucket!.expectedWaitSec).toBeCloseTo(90, 9);
    expect(bucket!.expectedQueue).toBeCloseTo(0.9, 9);
  });

  it('carries the excess over capacity into the next bucket and drains it at the spare rate', () => {
    // One lane of 60 s (15 an hour-quarter): 25 arrivals leave 10 behind; 5 in the next clear 10 of them.
    const [first, second] = queueByBucket([{ arrivals: 25 }, { arrivals: 5 }], 1, 60, 900, 0);
    expect(first!.expectedQueue).toBe(5);
    expect(first!.expectedWaitSec).toBe(300);
    expect(second!.expectedQueue).toBeGreaterThan(5);
    // Carried 10 in, 0 at the end: a mean backlog of 5 ahead of each arrival.
    expect(second!.expectedWaitSec).toBeCloseTo(erlangC(1, 1 / 3) / (1 / 60 - 5 / 900) + 5 * 60, 9);
  });
});
