// Computes the live KPIs once per interval (a minute by default, on the minute) over the
// trailing KPI window, and keeps the latest for clients that connect between ticks.
import type { KpiSnapshot } from '@porttwin/contracts';
import type { Database } from '@porttwin/db';
import type { FastifyBaseLogger } from 'fastify';
import { type KpiSite, kpiSummary, kpiWindow } from './kpi-summary';

/** Rates are counted over this trailing window of whole minutes: long enough to be steady, short enough to react. */
export const KPI_WINDOW_MINUTES = 15;

/**
 * Ticks come this long after the minute, so the window's last messages (sent just before the
 * minute, stored a moment after) are in it: the pushed figures are then what
 * GET /api/kpis/summary gives for the same window later, not an undercount.
 */
export const KPI_SETTLE_MS = 5_000;

export class KpiTicker {
  private latestSnapshot: KpiSnapshot | null = null;
  private timer: NodeJS.Timeout | null = null;
  private soon: NodeJS.Timeout | null = null;
  private readonly listeners = new Set<(kpis: KpiSnapshot) => void>();

  constructor(
    private readonly db: Database,
    private readonly site: KpiSite,
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
   * console started before its devices would otherwise show empty KPIs for up to a minute).
   */
  refreshSoon(delayMs = 2000): void {
    if (this.soon || !this.timer) return;
    this.soon = setTimeout(async () => {
      await this.tick();
      this.soon = null;
    }, delayMs);
  }

  latest(): KpiSnapshot | null {
    return this.latestSnapshot;
  }

  onTick(listener: (kpis: KpiSnapshot) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private scheduleNext(): void {
    // Align to interval boundaries so every server reports the same minutes.
    const delay = this.intervalMs - ((Date.now() - KPI_SETTLE_MS) % this.intervalMs);
    this.timer = setTimeout(async () => {
      await this.tick();
      if (this.timer) this.scheduleNext();
    }, delay);
  }

  private async tick(): Promise<void> {
    try {
      // The last whole minutes: the same buckets GET /api/kpis gives for them.
      const { from, to } = kpiWindow(Date.now() - KPI_SETTLE_MS, KPI_WINDOW_MINUTES);
      this.latestSnapshot = await kpiSummary(this.db, this.site, from, to);
      for (const listener of this.listeners) listener(this.latestSnapshot);
    } catch (error) {
      this.log.warn({ err: error }, 'server: KPI computation failed');
    }
  }
}
