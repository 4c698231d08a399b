// One rule's watch over what arrives: each kind of condition (alert-rules.ts) has its own, and
// watchFor picks it. A watch turns observations and clock ticks into raise/clear signals; the
// engine turns signals into alerts.
import type { AlertRule } from '@porttwin/contracts';
import type { AlertTime } from './alert-time';
import { EventRateWatch } from './event-rate-watch';
import { EventWatch } from './event-watch';
import { ForecastWatch } from './forecast-watch';
import { JourneyWatch } from './journey-watch';
import { MetricWatch } from './metric-watch';
import type { Observation, Signal } from './observation';
import { SilentWatch } from './silent-watch';
import { StatusWatch } from './status-watch';

export interface RuleWatch {
  observe(observation: Observation, time: AlertTime): Signal[];
  tick(time: AlertTime): Signal[];
}

export function watchFor(rule: AlertRule, site: string): RuleWatch {
  const when = rule.when;
  switch (when.kind) {
    case 'metric':
      return new MetricWatch(rule, when);
    case 'event':
      return new EventWatch(rule, when);
    case 'eventRate':
      return new EventRateWatch(rule, when);
    case 'silent':
      return new SilentWatch(rule, when);
    case 'status':
      return new StatusWatch(rule, when);
    case 'journey':
      return new JourneyWatch(rule, when);
    case 'forecast':
      return new ForecastWatch(rule, when, site);
  }
}
