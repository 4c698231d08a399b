// A device that has sent nothing for forSec: judged by the wall clock against when we last
// received anything from it (the live asset feed's lastSeen), as the console's staleness is.
import type { AlertCondition, AlertRule } from '@porttwin/contracts';
import type { AlertTime } from './alert-time';
import { watchesAsset } from './asset-scope';
import type { Observation, Signal } from './observation';
import type { RuleWatch } from './rule-watch';

type SilentCondition = Extract<AlertCondition, { kind: 'silent' }>;

export class SilentWatch implements RuleWatch {
  private readonly lastSeen = new Map<string, number>();
  private readonly silent = new Set<string>();

  constructor(
    private readonly rule: AlertRule,
    private readonly when: SilentCondition,
  ) {}

  observe(observation: Observation): Signal[] {
    if (observation.type !== 'seen' || !watchesAsset(this.rule, observation.assetId, observation.kind)) return [];
    const { assetId, lastSeen } = observation;
    if (lastSeen <= (this.lastSeen.get(assetId) ?? Number.NEGATIVE_INFINITY)) return [];
    this.lastSeen.set(assetId, lastSeen);
    if (!this.silent.delete(assetId)) return [];
    return [{ signal: 'clear', assetId, at: lastSeen, detail: {} }];
  }

  tick(time: AlertTime): Signal[] {
    const signals: Signal[] = [];
    const limitMs = this.when.forSec * 1000;
    for (const [assetId, lastSeen] of this.lastSeen) {
      if (this.silent.has(assetId) || time.now() - lastSeen < limitMs) continue;
      this.silent.add(assetId);
      signals.push({ signal: 'raise', assetId, at: lastSeen + limitMs, detail: { lastSeen, silentSec: this.when.forSec } });
    }
    return signals;
  }
}
