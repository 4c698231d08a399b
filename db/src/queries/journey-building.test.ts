// How one plate's marks make its visits (docs/journeys.md): the cuts at arrivals, a reader
// reading a waiting truck twice, marks too late to belong, and a balk that ends at once.
import { describe, expect, it } from 'vitest';
import { buildJourneys, type JourneyMark, MAX_JOURNEY_MS } from './journey-building';

const T0 = Date.parse('2026-11-22T08:00:00.000Z');
const PLATE = '粤B12345';

function mark(name: JourneyMark['mark'], ts: number, assetId: string, detail: Record<string, unknown> = {}): JourneyMark {
  return { plate: PLATE, mark: name, ts, assetId, detail };
}

describe('buildJourneys', () => {
  it('takes a second arrival read before anything else happened as the same visit, at the first read', () => {
    const journeys = buildJourneys([
      mark('arrived.in', T0 + 5000, 'GL-IN-1'),
      mark('arrived.in', T0, 'GL-IN-1'),
      mark('admitted', T0 + 60_000, 'GL-IN-1', { processingSec: 30 }),
    ]);
    expect(journeys.map((j) => [j.arrivedAt, j.stages.gateStart, j.stages.gateEnd, j.outcome])).toEqual([
      [T0, T0 + 30_000, T0 + 60_000, 'on site'],
    ]);
  });

  it('opens a new visit at an arrival after the truck was released, and gives each its own marks', () => {
    const back = T0 + 2 * 3_600_000;
    const journeys = buildJourneys([
      mark('arrived.in', T0, 'GL-IN-1'),
      mark('admitted', T0 + 60_000, 'GL-IN-1'),
      mark('arrived.out', T0 + 600_000, 'GL-OUT-1'),
      mark('admitted', T0 + 620_000, 'GL-OUT-1'),
      mark('arrived.in', back, 'GL-IN-2'),
      mark('rejected', back + 50_000, 'GL-IN-2'),
    ]);
    expect(journeys.map((j) => [j.arrivedAt, j.inLane, j.outLane, j.outcome, j.turnSec, j.stages.gateStart])).toEqual([
      [T0, 'GL-IN-1', 'GL-OUT-1', 'released', 620, null],
      [back, 'GL-IN-2', null, 'rejected', 50, null],
    ]);
  });

  it('leaves out marks before any arrival and marks more than a journey’s length after it', () => {
    const journeys = buildJourneys([
      mark('yard.entered', T0 - 1000, 'TRK-001'),
      mark('arrived.in', T0, 'GL-IN-1'),
      mark('yard.left', T0 + MAX_JOURNEY_MS + 1, 'TRK-001'),
    ]);
    expect(journeys.map((j) => [j.stages.yardArrived, j.stages.yardDone])).toEqual([[null, null]]);
  });

  it('ends a balk where it happened, taking no later marks', () => {
    const journeys = buildJourneys([mark('balked', T0, 'GL-IN-1'), mark('admitted', T0 + 10_000, 'GL-IN-1')]);
    expect(journeys.map((j) => [j.outcome, j.turnSec, j.stages.arrived, j.stages.departed, j.stages.gateEnd])).toEqual([
      ['balked', 0, T0, T0, null],
    ]);
  });

  it('counts an admission on the outbound lane before the truck queued there as no release', () => {
    const journeys = buildJourneys([
      mark('arrived.in', T0, 'GL-IN-1'),
      mark('admitted', T0 + 300_000, 'GL-OUT-1'),
      mark('arrived.out', T0 + 600_000, 'GL-OUT-1'),
    ]);
    expect(journeys.map((j) => [j.outcome, j.stages.outQueued, j.stages.outGateEnd])).toEqual([['on site', T0 + 600_000, null]]);
  });
});
