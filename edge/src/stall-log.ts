// A stall is news twice: when it begins and when it ends. Checked on a timer, logged on the
// change only, so an ingest that stays stuck says so once, not at every retry.
import type { Logger } from 'pino';

export class StallLog {
  private stalled = false;

  constructor(
    private readonly log: Logger,
    private readonly stallAfterMs: number,
  ) {}

  /** Notes how long the oldest pending message has waited, logging a change of state. */
  check(oldestPendingMs: number, pending: number, cause: string | null): void {
    if (oldestPendingMs > this.stallAfterMs && !this.stalled) {
      this.stalled = true;
      this.log.error({ oldestPendingMs, pending, cause }, 'edge: ingest stalled; nothing has been committed for the oldest message');
    } else if (oldestPendingMs <= this.stallAfterMs && this.stalled) {
      this.stalled = false;
      this.log.info({ pending }, 'edge: ingest flows again');
    }
  }
}
