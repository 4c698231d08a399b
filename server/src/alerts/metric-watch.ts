// A metric over (or under) its threshold for at least forSec, from each asset's latest telemetry.
import type { AlertRule, AlertCondition } from '@porttwin/contracts';
import type { AlertTime } from './alert-time';
import { watchesAsset } from './asset-scope';
import { HeldCondition } from './held-condition';
import type { Observation, Signal } from './observation';
import type { RuleWatch } from './rule-watch';

type MetricCondition = Extract<AlertCondition, { kind: 'metric' }>;

export class MetricWatch implements RuleWatch {
  private readonly held: HeldCondition;

  constructor(
    private readonly rule: AlertRule,
    private readonly when: MetricCondition,
  ) {
    this.held = new HeldCondition(when.forSec * 1000);
  }

  observe(observation: Observation, time: AlertTime): Signal[] {
    if (observation.type !== 'metrics' || !watchesAsset(this.rule, observation.assetId, observation.kind)) return [];
    const value = observation.metrics[this.when.metric];
    if (typeof value !== 'number') return [];
    const { over, under } = this.when;
    const holds = over !== undefined ? value > over : under !== undefined && value < under;
    return this.held.update(observation.assetId, holds, observation.ts, { metric: this.when.metric, value }, time);
  }

  tick(time: AlertTime): Signal[] {
    return this.held.tick(time);
  }
}
