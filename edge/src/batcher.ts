// Gathers decoded messages into batches that close on size or age, writes one batch at a
// time, and retries a failed write until it succeeds: nothing is acknowledged before then.

export interface BatcherOptions<Item> {
  /** Close a batch at this many items. */
  maxItems: number;
  /** Close a batch this long after its first item arrived. */
  maxDelayMs: number;
  write(items: Item[]): Promise<void>;
  /** Called after a batch is committed. */
  onCommitted(items: Item[], elapsedMs: number): void;
  /** Called when a write fails; the batch is retried after retryDelayMs. */
  onWriteFailed(error: Error, items: Item[], attempt: number): void;
}

export class Batcher<Item> {
  private pending: Item[] = [];
  /** The batch being written, until it commits. */
  private inFlight: Item[] | null = null;
  private timer: NodeJS.Timeout | null = null;
  private writing: Promise<void> | null = null;
  private stopped = false;
  /** Ends the wait before a retry early (at stop). */
  private wakeRetry: (() => void) | null = null;
  /** When the oldest pending item arrived (performance.now()); the batch's age counts from it. */
  private oldestPendingAt = 0;

  constructor(private readonly options: BatcherOptions<Item>) {}

  /** Items waiting for, or in, a write. */
  get size(): number {
    return this.pending.length + (this.inFlight?.length ?? 0);
  }

  /** The item that has waited longest for a commit (items keep their arrival order). */
  oldest(): Item | undefined {
    return this.inFlight?.[0] ?? this.pending[0];
  }

  add(item: Item): void {
    if (this.pending.length === 0) this.oldestPendingAt = performance.now();
    this.pending.push(item);
    if (this.pending.length >= this.options.maxItems) this.flushSoon(0);
    else this.flushSoon(this.remainingDelay());
  }

  /**
   * Time left before the pending batch is due. Items that waited out a write are not made to
   * wait again, so under load batches grow with the commit time, and at a trickle they
   * close after maxDelayMs: the batch size adapts to the database.
   */
  private remainingDelay(): number {
    return Math.max(0, this.options.maxDelayMs - (performance.now() - this.oldestPendingAt));
  }

  /** Writes everything pending (used at shutdown); resolves when it is committed, or when stopped. */
  async drain(): Promise<void> {
    while (this.writing || (this.pending.length > 0 && !this.stopped)) {
      if (!this.writing) this.startWrite();
      await this.writing;
    }
  }

  /** Starts a write now even with nothing pending (the write may carry other state). */
  kick(): void {
    if (this.writing || this.stopped) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.startWrite(true);
  }

  /** Stops retrying, at once; what is still pending stays unacknowledged for the broker to redeliver. */
  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.wakeRetry?.();
  }

  private flushSoon(delayMs: number): void {
    if (this.writing || this.stopped) return;
    if (this.timer && delayMs > 0) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = null;
      this.startWrite();
    }, delayMs);
  }

  private startWrite(evenIfEmpty = false): void {
    if (this.writing || this.stopped || (this.pending.length === 0 && !evenIfEmpty)) return;
    const items = this.pending.splice(0, this.options.maxItems);
    if (this.pending.length > 0) this.oldestPendingAt = performance.now();
    this.inFlight = items;
    this.writing = this.writeUntilCommitted(items).finally(() => {
      this.writing = null;
      this.inFlight = null;
      if (this.pending.length >= this.options.maxItems) this.flushSoon(0);
      else if (this.pending.length > 0) this.flushSoon(this.remainingDelay());
    });
  }

  private async writeUntilCommitted(items: Item[]): Promise<void> {
    for (let attempt = 1; !this.stopped; attempt += 1) {
      const started = performance.now();
      try {
        await this.options.write(items);
        this.inFlight = null; // committed: no longer counted as waiting when onCommitted makes room
        this.options.onCommitted(items, performance.now() - started);
        return;
      } catch (error) {
        this.options.onWriteFailed(error as Error, items, attempt);
        if (this.stopped) return;
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, Math.min(5000, 100 * 2 ** Math.min(attempt, 6)));
          this.wakeRetry = () => {
            clearTimeout(timer);
            resolve();
          };
        });
        this.wakeRetry = null;
      }
    }
  }
}
