// A clearance stage's dwell over its target, per lane or scanner (or the stage overall when the
// report gives no asset), from the clearance report pushed once a minute.
import type { AlertCondition, AlertRule } from '@porttwin/contracts';
import { watchesAsset } from './asset-scope';
import type { Observation, Signal } from './observation';
import type { RuleWatch } from './rule-watch';

type JourneyCondition = Extract<AlertCondition, { kind: 'journey' }>;

export class JourneyWatch implements RuleWatch {
  private readonly over = new Set<string>();

  constructor(
    private readonly rule: AlertRule,
    private readonly when: JourneyCondition,
  ) {}

  observe(observation: Observation): Signal[] {
    if (observation.type !== 'clearance') return [];
    const signals: Signal[] = [];
    const at = observation.report.to;
    const seen = new Set<string>();
    const rows = observation.report.stages.filter((row) => row.stage === this.when.stage);
    // Per lane or scanner where the report splits the stage so; the stage overall where it does not (the yard).
    const perAsset = rows.some((row) => row.assetId !== undefined);
    for (const row of rows) {
      if (perAsset && row.assetId === undefined) continue;
      const assetId = row.assetId ?? row.stage;
      if (row.assetId !== undefined && !watchesAsset(this.rule, row.assetId, '')) continue;
      seen.add(assetId);
      const value = row[this.when.statistic];
      const holds = row.count >= (this.when.minCount ?? 1) && value > this.when.overSec;
      if (holds && !this.over.has(assetId)) {
        this.over.add(assetId);
        signals.push({
          signal: 'raise',
          assetId,
          at,
          detail: { stage: row.stage, [this.when.statistic]: value, count: row.count, targetSec: this.when.overSec },
        });
      } else if (!holds && this.over.delete(assetId))
        signals.push({ signal: 'clear', assetId, at, detail: { [this.when.statistic]: value } });
    }
    // A stage no longer in the report has no dwells over the period: it is under its target.
    for (const assetId of [...this.over].filter((id) => !seen.has(id))) {
      this.over.delete(assetId);
      signals.push({ signal: 'clear', assetId, at, detail: {} });
    }
    return signals;
  }

  tick(): Signal[] {
    return [];
  }
}
