// The journey table's dwells follow the clearance rule: a lane without a portal queues to its
// booth, an unfinished stage has no dwell yet, a balked truck has none.
import { JOURNEY_STAGES, type Journey, type JourneyStage } from '@porttwin/contracts';
import { describe, expect, it } from 'vitest';
import { journeyDwells, slowestDwell } from './journey-dwells';

const T0 = Date.UTC(2026, 10, 22, 2, 0, 0);
const at = (sec: number) => T0 + sec * 1000;

function journey(outcome: Journey['outcome'], times: Partial<Record<JourneyStage, number>>): Pick<Journey, 'outcome' | 'stages'> {
  const stages = Object.fromEntries(JOURNEY_STAGES.map((stage) => [stage, times[stage] ?? null])) as Journey['stages'];
  return { outcome, stages };
}

describe('journeyDwells', () => {
  it('times each stage a released, inspected truck passed, in order', () => {
    const dwells = journeyDwells(
      journey('released', {
        arrived: at(0),
        portalStart: at(120),
        portalEnd: at(130),
        gateStart: at(135),
        gateEnd: at(195),
        scanQueued: at(300),
        scanStart: at(900),
        scanEnd: at(1000),
        yardArrived: at(1200),
        yardDone: at(2400),
        outQueued: at(2600),
        outGateStart: at(2660),
        outGateEnd: at(2690),
        departed: at(2690),
      }),
    );
    expect(dwells.map((d) => [d.stage, d.sec])).toEqual([
      ['gateQueue', 120],
      ['portal', 15],
      ['booth', 60],
      ['scanQueue', 600],
      ['scan', 100],
      ['yard', 1200],
      ['outQueue', 60],
      ['outBooth', 30],
    ]);
    expect(slowestDwell(dwells)?.stage).toBe('yard');
  });

  it('queues a truck to the booth on a lane without a portal', () => {
    const dwells = journeyDwells(journey('on site', { arrived: at(0), gateStart: at(45), gateEnd: at(75) }));
    expect(dwells.map((d) => [d.stage, d.sec])).toEqual([
      ['gateQueue', 45],
      ['booth', 30],
    ]);
  });

  it('leaves a stage the truck is still at open, and never calls it the slowest', () => {
    const dwells = journeyDwells(journey('on site', { arrived: at(0), gateStart: at(10), gateEnd: at(20), scanQueued: at(30) }));
    expect(dwells.at(-1)).toEqual({ stage: 'scanQueue', start: at(30), end: null, sec: null });
    expect(slowestDwell(dwells)?.stage).toBe('gateQueue');
  });

  it('gives a balked truck no dwell at all', () => {
    const dwells = journeyDwells(journey('balked', { arrived: at(0), departed: at(0) }));
    expect(dwells).toEqual([]);
    expect(slowestDwell(dwells)).toBeNull();
  });
});
