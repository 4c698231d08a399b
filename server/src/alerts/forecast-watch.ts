// The gate forecast's expected queue or wait over a limit in any bucket of the next hour, per
// inbound lane and for the site as a whole (the site's id as the asset).
import type { AlertCondition, AlertRule } from '@porttwin/contracts';
import { watchesAsset } from './asset-scope';
import type { Observation, Signal } from './observation';
import type { RuleWatch } from './rule-watch';

type ForecastCondition = Extract<AlertCondition, { kind: 'forecast' }>;

export class ForecastWatch implements RuleWatch {
  private readonly over = new Set<string>();

  constructor(
    private readonly rule: AlertRule,
    private readonly when: ForecastCondition,
    private readonly site: string,
  ) {}

  observe(observation: Observation): Signal[] {
    if (observation.type !== 'forecast') return [];
    const { forecast } = observation;
    const measure = this.when.measure;
    const sources = this.rule.assets
      ? forecast.lanes.filter((lane) => watchesAsset(this.rule, lane.assetId, 'gate'))
      : [{ assetId: this.site, buckets: forecast.site.buckets }];
    const signals: Signal[] = [];
    for (const { assetId, buckets } of sources) {
      const worst = buckets.reduce((most, bucket) => Math.max(most, bucket[measure]), 0);
      const holds = worst > this.when.over;
      if (holds && !this.over.has(assetId)) {
        this.over.add(assetId);
        const at = buckets.find((bucket) => bucket[measure] === worst)?.start ?? forecast.at;
        signals.push({
          signal: 'raise',
          assetId,
          at: forecast.at,
          detail: { measure, expected: worst, limit: this.when.over, bucketStart: at },
        });
      } else if (!holds && this.over.delete(assetId))
        signals.push({ signal: 'clear', assetId, at: forecast.at, detail: { measure, expected: worst } });
    }
    return signals;
  }

  tick(): Signal[] {
    return [];
  }
}
