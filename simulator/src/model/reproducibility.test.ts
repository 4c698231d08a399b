// Same seed, same port: the realistic site with a scenario publishes the identical message
// sequence and records the identical ground truth on every run.
import { describe, expect, it } from 'vitest';
import { readScenarioFile } from '../config/scenario';
import { scenarioFile } from '../scenarios';
import { DEFAULT_SITE_FILE, readSiteFile } from '../site-file';
import { runModel } from './test-run';

const layout = readSiteFile(DEFAULT_SITE_FILE);
const START = Date.UTC(2026, 10, 22, 1, 0, 0);
const scenario = readScenarioFile(scenarioFile('scanner-outage'), layout);
const run = (seed: number) => runModel(layout, START, 25, { scenario, seed, telemetryIntervalMs: 5000 });

describe('reproducibility on the default site', () => {
  it('publishes the same messages and records the same truth for the same seed', () => {
    const [a, b] = [run(42), run(42)];
    expect(a.messages.length).toBeGreaterThan(40_000);
    expect(b.messages).toEqual(a.messages);
    expect(b.truth).toEqual(a.truth);
  });

  it('differs for another seed', () => {
    expect(run(43).events.map((e) => e.data)).not.toEqual(run(42).events.map((e) => e.data));
  });
});
