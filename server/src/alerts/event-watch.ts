// An event of a type whose data matches (smoke or fire seen, a high radiation alarm, a crane
// fault): each one raises, or counts up the open alert. With `clearedBy` the condition ends
// when the asset sends the clearing event (fault.cleared with the same code); without it the
// condition ends as it happens, so an auto rule resolves once no such event has come for
// clearAfterSec.
import type { AlertCondition, AlertRule } from '@porttwin/contracts';
import { watchesAsset } from './asset-scope';
import { dataMatches } from './event-match';
import type { Observation, Signal } from './observation';
import type { RuleWatch } from './rule-watch';

type EventCondition = Extract<AlertCondition, { kind: 'event' }>;

export class EventWatch implements RuleWatch {
  /** The data of the event that raised each asset's condition, while it holds (clearedBy rules). */
  private readonly raisedBy = new Map<string, Record<string, unknown>>();

  constructor(
    private readonly rule: AlertRule,
    private readonly when: EventCondition,
  ) {}

  observe(observation: Observation): Signal[] {
    if (observation.type !== 'event' || !watchesAsset(this.rule, observation.assetId, observation.kind)) return [];
    const { assetId, ts, eventType, data } = observation;
    const clearedBy = this.when.clearedBy;
    if (eventType === this.when.eventType && dataMatches(data, this.when.data)) {
      const detail = { eventType, ...data };
      if (!clearedBy)
        return [
          { signal: 'raise', assetId, at: ts, detail },
          { signal: 'clear', assetId, at: ts, detail },
        ];
      this.raisedBy.set(assetId, data);
      return [{ signal: 'raise', assetId, at: ts, detail }];
    }
    if (clearedBy && eventType === clearedBy.eventType) {
      const raising = this.raisedBy.get(assetId);
      const same = (clearedBy.sameFields ?? []).every((field) => raising === undefined || raising[field] === data[field]);
      if (!same) return [];
      this.raisedBy.delete(assetId);
      return [{ signal: 'clear', assetId, at: ts, detail: { eventType, ...data } }];
    }
    return [];
  }

  tick(): Signal[] {
    return [];
  }
}
