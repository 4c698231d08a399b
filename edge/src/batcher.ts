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
  private timer: NodeJS.Timeout | null = null;
  private writing: Promise<void> | null = null;
  private stopped = false;
  /** When the oldest pending item arrived (performance.now()); the batch's age counts from it. */
  private oldestPendingAt = 0;

  constructor(private readonly options: BatcherOptions<Item>) {}

  /** Items waiting for, or in, a write. */
  get size(): number {
    return this.pending.length;
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

  /** Writes everything pending (used at shutdown); resolves when it is committed. */
  async drain(): Promise<void> {
    while (this.writing || this.pending.length > 0) {
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

  /** Stops retrying; what is still pending stays unacknowledged for the broker to redeliver. */
  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
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
    this.writing = this.writeUntilCommitted(items).finally(() => {
      this.writing = null;
      if (this.pending.length >= this.options.maxItems) this.flushSoon(0);
      else if (this.pending.length > 0) this.flushSoon(this.remainingDelay());
    });
  }

  private async writeUntilCommitted(items: Item[]): Promise<void> {
    for (let attempt = 1; !this.stopped; attempt += 1) {
      const started = performance.now();
      try {
        await this.options.write(items);
        this.options.onCommitted(items, performance.now() - started);
        return;
      } catch (error) {
        this.options.onWriteFailed(error as Error, items, attempt);
        await new Promise((resolve) => setTimeout(resolve, Math.min(5000, 100 * 2 ** Math.min(attempt, 6))));
      }
    }
  }
}
