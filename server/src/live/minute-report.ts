// A report the server recomputes once per interval (a minute by default, just after the minute)
// and pushes to every console: the live KPIs, clearance time and the gate forecast are each one.
// It keeps the latest for clients that connect between ticks.
import type { FastifyBaseLogger } from 'fastify';

/**
 * Ticks come this long after the minute, so the window's last messages (sent just before the
 * minute, stored a moment after) are in it: the pushed figures are then what the matching
 * route gives for the same window later, not an undercount.
 */
export const REPORT_SETTLE_MS = 5_000;

export class MinuteReport<T> {
  private latestReport: T | null = null;
  private timer: NodeJS.Timeout | null = null;
  private soon: NodeJS.Timeout | null = null;
  private readonly listeners = new Set<(report: T) => void>();

  /**
   * @param name what the report is, for the log
   * @param compute the report as of `at` (epoch ms, already REPORT_SETTLE_MS after the minute it counts to)
   */
  constructor(
    private readonly name: string,
    private readonly compute: (at: number) => Promise<T>,
    private readonly log: FastifyBaseLogger,
    private readonly intervalMs: number,
  ) {}

  async start(): Promise<void> {
    await this.tick();
    this.scheduleNext();
  }

  stop(): void {
    if (this.timer) clearTimeout(this.timer);
    if (this.soon) clearTimeout(this.soon);
    this.timer = null;
    this.soon = null;
  }

  /**
   * Recomputes a little later, outside the minute rhythm: for when new assets appear (a
   * console started before its devices would otherwise show empty figures for up to a minute).
   */
  refreshSoon(delayMs = 2000): void {
    if (this.soon || !this.timer) return;
    this.soon = setTimeout(async () => {
      await this.tick();
      this.soon = null;
    }, delayMs);
  }

  latest(): T | null {
    return this.latestReport;
  }

  onTick(listener: (report: T) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private scheduleNext(): void {
    // Align to interval boundaries so every server reports the same minutes.
    const delay = this.intervalMs - ((Date.now() - REPORT_SETTLE_MS) % this.intervalMs);
    this.timer = setTimeout(async () => {
      await this.tick();
      if (this.timer) this.scheduleNext();
    }, delay);
  }

  private async tick(): Promise<void> {
    try {
      this.latestReport = await this.compute(Date.now() - REPORT_SETTLE_MS);
      for (const listener of this.listeners) listener(this.latestReport);
    } catch (error) {
      this.log.warn({ err: error }, `server: ${this.name} computation failed`);
    }
  }
}
