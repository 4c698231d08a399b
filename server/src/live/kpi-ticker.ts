// Computes the flow KPIs once per interval (a minute by default, on the minute) and keeps
// the latest for clients that connect between ticks.
import type { KpiSnapshot } from '@porttwin/contracts';
import { computeKpis, type Database } from '@porttwin/db';
import type { FastifyBaseLogger } from 'fastify';

/** Rates are counted over this trailing window: long enough to be steady, short enough to react. */
export const KPI_WINDOW_MINUTES = 15;

export class KpiTicker {
  private latestSnapshot: KpiSnapshot | null = null;
  private timer: NodeJS.Timeout | null = null;
  private soon: NodeJS.Timeout | null = null;
  private readonly listeners = new Set<(kpis: KpiSnapshot) => void>();

  constructor(
    private readonly db: Database,
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
    const delay = this.intervalMs - (Date.now() % this.intervalMs);
    this.timer = setTimeout(async () => {
      await this.tick();
      if (this.timer) this.scheduleNext();
    }, delay);
  }

  private async tick(): Promise<void> {
    try {
      const at = Math.floor(Date.now() / 1000) * 1000;
      this.latestSnapshot = await computeKpis(this.db, at, KPI_WINDOW_MINUTES);
      for (const listener of this.listeners) listener(this.latestSnapshot);
    } catch (error) {
      this.log.warn({ err: error }, 'server: KPI computation failed');
    }
  }
}
