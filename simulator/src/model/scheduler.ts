// The discrete-event kernel: a simulated clock (epoch ms) and the future events ordered by
// time. Nothing in the model reads the wall clock, so a run can go faster than real time
// (tests) or be held to it (the real-time driver), with the same decisions either way.

type Action = () => void;

interface Scheduled {
  at: number;
  order: number;
  action: Action;
  cancelled: boolean;
}

/** A handle to cancel a scheduled action. */
export interface Timer {
  cancel(): void;
}

/** Simulated time and the event list; runUntil() fires events in time order. */
export class Scheduler {
  private heap: Scheduled[] = [];
  private counter = 0;
  private current: number;

  constructor(startMs: number) {
    this.current = startMs;
  }

  /** Simulated time now, epoch milliseconds. */
  now(): number {
    return this.current;
  }

  /** Runs `action` after `delayMs` of simulated time. */
  after(delayMs: number, action: Action): Timer {
    return this.at(this.current + Math.max(0, delayMs), action);
  }

  /** Runs `action` at simulated time `atMs` (now, if that has passed). */
  at(atMs: number, action: Action): Timer {
    // Ties fire in the order they were scheduled, which keeps runs reproducible.
    const entry: Scheduled = { at: Math.max(atMs, this.current), order: this.counter++, action, cancelled: false };
    this.push(entry);
    return { cancel: () => void (entry.cancelled = true) };
  }

  /** Runs `action` every `periodMs`, the first time after `firstDelayMs`. */
  every(periodMs: number, firstDelayMs: number, action: Action): Timer {
    let timer: Timer;
    let stopped = false;
    const tick = (): void => {
      if (stopped) return;
      action();
      timer = this.after(periodMs, tick);
    };
    timer = this.after(firstDelayMs, tick);
    return {
      cancel: () => {
        stopped = true;
        timer.cancel();
      },
    };
  }

  /** Fires every event due up to `untilMs` and leaves the clock there. */
  runUntil(untilMs: number): void {
    for (;;) {
      const next = this.heap[0];
      if (!next || next.at > untilMs) break;
      this.pop();
      if (next.cancelled) continue;
      this.current = next.at;
      next.action();
    }
    this.current = Math.max(this.current, untilMs);
  }

  private before(a: Scheduled, b: Scheduled): boolean {
    return a.at < b.at || (a.at === b.at && a.order < b.order);
  }

  private push(entry: Scheduled): void {
    const heap = this.heap;
    heap.push(entry);
    let i = heap.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.before(heap[i] as Scheduled, heap[parent] as Scheduled)) break;
      [heap[i], heap[parent]] = [heap[parent] as Scheduled, heap[i] as Scheduled];
      i = parent;
    }
  }

  private pop(): void {
    const heap = this.heap;
    const last = heap.pop();
    if (!last || heap.length === 0) return;
    heap[0] = last;
    let i = 0;
    for (;;) {
      const left = 2 * i + 1;
      const right = left + 1;
      let smallest = i;
      if (left < heap.length && this.before(heap[left] as Scheduled, heap[smallest] as Scheduled)) smallest = left;
      if (right < heap.length && this.before(heap[right] as Scheduled, heap[smallest] as Scheduled)) smallest = right;
      if (smallest === i) return;
      [heap[i], heap[smallest]] = [heap[smallest] as Scheduled, heap[i] as Scheduled];
      i = smallest;
    }
  }
}
