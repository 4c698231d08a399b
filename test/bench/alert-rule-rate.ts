// `pnpm bench alerts`, in process: the alert engine with the harbour port's shipped rules over a
// real database, handed ordinary observations as fast as it takes them — rules evaluated per second.
import type { Database } from '@porttwin/db';
import { alertsFileBeside, readAlertsFile } from '@porttwin/server';
import { DEFAULT_SITE_FILE } from '@porttwin/simulator';
import pino from 'pino';
import { AlertEngine } from '../../server/src/alerts/alert-engine';
import type { Observation } from '../../server/src/alerts/observation';

const SITE = 'demo-port';
/** Observations handed over per observe() call, as the alert feed hands a read's rows. */
export const OBSERVATION_BATCH = 1000;

export interface RuleRateFigures {
  observations: number;
  rules: number;
  seconds: number;
  /** Observations × rules in force, per second. */
  rulesPerSec: number;
  observationsPerSec: number;
}

/** The n-th observation of a fleet of gates and cameras: a gate's telemetry, or a camera's harmless detection. */
function observation(index: number, devices: number): Observation {
  const asset = index % devices;
  const ts = Date.now();
  if (asset % 10 === 0)
    return {
      type: 'event',
      assetId: `CAM-${asset}`,
      kind: 'camera',
      ts,
      eventType: 'detection',
      data: { label: 'person_in_zone', confidence: 0.8, zone: 'bench' },
    };
  return { type: 'metrics', assetId: `LOAD-${asset}`, kind: 'gate', ts, metrics: { queueLength: index % 15, laneOpen: 1 } };
}

/** Feeds `observations` to an engine on `db` in batches, timing from the first to the last evaluated. */
export async function measureRuleRate(db: Database, observations: number, devices: number): Promise<RuleRateFigures> {
  const rules = readAlertsFile(alertsFileBeside(DEFAULT_SITE_FILE), SITE);
  const engine = new AlertEngine({ db, site: SITE, rules, log: pino({ level: 'warn' }) });
  await engine.start();
  const started = performance.now();
  for (let first = 0; first < observations; first += OBSERVATION_BATCH) {
    const batch: Observation[] = [];
    for (let index = first; index < Math.min(observations, first + OBSERVATION_BATCH); index += 1) batch.push(observation(index, devices));
    await engine.observe(batch);
  }
  await engine.idle();
  const seconds = (performance.now() - started) / 1000;
  return {
    observations,
    rules: rules.rules.length,
    seconds,
    rulesPerSec: (observations * rules.rules.length) / seconds,
    observationsPerSec: observations / seconds,
  };
}
