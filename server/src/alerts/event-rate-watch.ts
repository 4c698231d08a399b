// At least `count` matching events from one asset within windowSec (device time): raised when
// the window fills, cleared when it thins out again (on a later event, or as the clocks move on).
import type { AlertCondition, AlertRule } from '@porttwin/contracts';
import type { AlertTime } from './alert-time';
import { watchesAsset } from './asset-scope';
import { dataMatches } from './event-match';
import type { Observation, Signal } from './observation';
import type { RuleWatch } from './rule-watch';

type EventRateCondition = Extract<AlertCondition, { kind: 'eventRate' }>;

interface Window {
  /** Device times of the events in the window, oldest first, and the wall clock's at the newest. */
  times: number[];
  seenAt: number;
  raised: boolean;
}

export class EventRateWatch implements RuleWatch {
  private readonly windows = new Map<string, Window>();

  constructor(
    private readonly rule: AlertRule,
    private readonly when: EventRateCondition,
  ) {}

  observe(observation: Observation, time: AlertTime): Signal[] {
    if (observation.type !== 'event' || observation.eventType !== this.when.eventType) return [];
    if (!watchesAsset(this.rule, observation.assetId, observation.kind) || !dataMatches(observation.data, this.when.data)) return [];
    const { assetId, ts } = observation;
    const window = this.windows.get(assetId) ?? { times: [], seenAt: time.now(), raised: false };
    this.windows.set(assetId, window);
    window.times.push(ts);
    window.times.sort((a, b) => a - b);
    window.seenAt = time.now();
    const newest = window.times[window.times.length - 1]!;
    while (window.times.length > 0 && window.times[0]! <= newest - this.when.windowSec * 1000) window.times.shift();
    if (window.raised || window.times.length < this.when.count) return [];
    window.raised = true;
    return [
      {
        signal: 'raise',
        assetId,
        at: ts,
        detail: { eventType: this.when.eventType, count: window.times.length, windowSec: this.when.windowSec },
      },
    ];
  }

  tick(time: AlertTime): Signal[] {
    const signals: Signal[] = [];
    const windowMs = this.when.windowSec * 1000;
    for (const [assetId, window] of this.windows) {
      const newest = window.times[window.times.length - 1] ?? Number.NEGATIVE_INFINITY;
      // The events still in the window now: those younger than windowSec on either clock.
      const elapsed = time.elapsedMs(newest, window.seenAt);
      const inWindow = window.times.filter((ts) => newest - ts + elapsed < windowMs).length;
      if (inWindow >= this.when.count) continue;
      if (inWindow === 0) this.windows.delete(assetId);
      if (!window.raised) continue;
      window.raised = false;
      signals.push({ signal: 'clear', assetId, at: time.now(), detail: { count: inWindow } });
    }
    return signals;
  }
}
