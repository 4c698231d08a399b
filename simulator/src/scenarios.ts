// The scenarios shipped with the simulator, by name (simulator/scenarios/<name>.json). They
// name assets of the default site; a scenario for another site is a file of its own.
import { fileURLToPath } from 'node:url';

export const SCENARIO_NAMES = [
  'normal-day',
  'morning-peak',
  'scanner-outage',
  'quay-crane-breakdown',
  'yard-smoke',
  'radiation-alarm',
  'lane-closure',
  'flapping-device',
  'faulty-device',
] as const;

/** The path of a shipped scenario, or `nameOrPath` itself when it is not one of their names. */
export function scenarioFile(nameOrPath: string): string {
  return (SCENARIO_NAMES as readonly string[]).includes(nameOrPath)
    ? fileURLToPath(new URL(`../scenarios/${nameOrPath}.json`, import.meta.url))
    : nameOrPath;
}
