// A condition that must hold for a while before it counts (a metric over its threshold, a
// device offline), kept per asset: when it began, and whether it has been signalled.
import type { AlertTime } from './alert-time';
import type { Signal } from './observation';

interface Holding {
  /** Device time it began, and the wall clock's when we saw it begin. */
  since: number;
  seenAt: number;
  /** The newest device time this asset has reported while it held. */
  newest: number;
  raised: boolean;
  detail: Record<string, unknown>;
}

export class HeldCondition {
  private readonly holding = new Map<string, Holding>();

  constructor(private readonly forMs: number) {}

  /** The condition's value for an asset at device time `ts`; a signal when it has held long enough, or ends after it had. */
  update(assetId: string, holds: boolean, ts: number, detail: Record<string, unknown>, time: AlertTime): Signal[] {
    const current = this.holding.get(assetId);
    if (!holds) {
      if (!current) return [];
      this.holding.delete(assetId);
      // Held long enough by the device's own times, though nothing was read in between (traffic
      // replayed fast): raised, and cleared as it ends.
      const raised = current.raised ? [] : ts - current.since >= this.forMs ? this.check(assetId, current, time, true) : [];
      return [...raised, ...(current.raised ? [{ signal: 'clear' as const, assetId, at: ts, detail }] : [])];
    }
    const state = current ?? { since: ts, seenAt: time.now(), newest: ts, raised: false, detail };
    state.detail = detail;
    state.newest = Math.max(state.newest, ts);
    this.holding.set(assetId, state);
    return this.check(assetId, state, time);
  }

  /** Signals for conditions that have now held long enough. */
  tick(time: AlertTime): Signal[] {
    return [...this.holding].flatMap(([assetId, state]) => this.check(assetId, state, time));
  }

  private check(assetId: string, state: Holding, time: AlertTime, heldLongEnough = false): Signal[] {
    // By the asset's own device times (not other assets': their traffic may be read out of
    // order with this one's), or by the wall clock since we saw it begin.
    const heldMs = Math.max(state.newest - state.since, time.now() - state.seenAt);
    if (state.raised || (!heldLongEnough && heldMs < this.forMs)) return [];
    state.raised = true;
    return [{ signal: 'raise', assetId, at: state.since + this.forMs, detail: { ...state.detail, sinceTs: state.since } }];
  }
}
