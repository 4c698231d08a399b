// A device in one of the rule's states (offline, fault…) for at least forSec, from its statuses.
import type { AlertCondition, AlertRule } from '@porttwin/contracts';
import type { AlertTime } from './alert-time';
import { watchesAsset } from './asset-scope';
import { HeldCondition } from './held-condition';
import type { Observation, Signal } from './observation';
import type { RuleWatch } from './rule-watch';

type StatusCondition = Extract<AlertCondition, { kind: 'status' }>;

export class StatusWatch implements RuleWatch {
  private readonly held: HeldCondition;

  constructor(
    private readonly rule: AlertRule,
    private readonly when: StatusCondition,
  ) {
    this.held = new HeldCondition(when.forSec * 1000);
  }

  observe(observation: Observation, time: AlertTime): Signal[] {
    if (observation.type !== 'status' || !watchesAsset(this.rule, observation.assetId, observation.kind)) return [];
    const holds = (this.when.states as readonly string[]).includes(observation.state);
    return this.held.update(observation.assetId, holds, observation.ts, { state: observation.state }, time);
  }

  tick(time: AlertTime): Signal[] {
    return this.held.tick(time);
  }
}
