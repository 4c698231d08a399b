// Queueing model of a bank of gate lanes, bucket by bucket: M/M/c (Erlang C) while the lanes
// keep up, and a fluid queue that carries over to the next bucket when arrivals outrun them
// (Erlang C has no steady state there, and a real queue does not vanish at the quarter hour).

/** Erlang C: the probability an arrival waits, for c servers at offered load a = λ/μ < c. */
export function erlangC(c: number, a: number): number {
  if (c <= 0) return 1;
  if (a <= 0) return 0;
  if (a >= c) return 1;
  // Erlang B by its stable recurrence, then C from B.
  let b = 1;
  for (let k = 1; k <= c; k++) b = (a * b) / (k + a * b);
  const rho = a / c;
  return b / (1 - rho + rho * b);
}

export interface BucketLoad {
  /** Arrivals expected in the bucket. */
  arrivals: number;
}

export interface BucketQueue {
  capacity: number;
  expectedQueue: number;
  expectedWaitSec: number;
}

/**
 * Queue and wait per bucket for `lanes` lanes serving `serviceSec` a truck each, starting with
 * `queueNow` trucks already waiting. The steady-state M/M/c wait applies while arrivals stay
 * under capacity; the excess beyond capacity (and any queue carried in) drains at the lanes'
 * spare rate, which adds its own wait.
 */
export function queueByBucket(
  loads: readonly BucketLoad[],
  lanes: number,
  serviceSec: number,
  bucketSec: number,
  queueNow: number,
): BucketQueue[] {
  const mu = 1 / serviceSec;
  const capacity = lanes * mu * bucketSec;
  let carried = Math.max(0, queueNow);
  return loads.map(({ arrivals }) => {
    if (lanes <= 0) {
      carried += arrivals;
      return { capacity: 0, expectedQueue: carried, expectedWaitSec: Number.POSITIVE_INFINITY };
    }
    const lambda = arrivals / bucketSec;
    const a = lambda / mu;
    const steadyWait = a < lanes ? erlangC(lanes, a) / (lanes * mu - lambda) : 0;
    // The backlog at the bucket's end: what was carried in, plus the excess, less what spare capacity clears.
    const start = carried;
    carried = Math.max(0, carried + arrivals - capacity);
    const backlog = (start + carried) / 2;
    const expectedWaitSec = steadyWait + backlog / (lanes * mu);
    // Little's law: trucks waiting = arrival rate × wait, plus the backlog standing in line.
    const expectedQueue = lambda * steadyWait + backlog;
    return { capacity, expectedQueue, expectedWaitSec };
  });
}
