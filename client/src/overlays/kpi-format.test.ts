import { describe, expect, it } from 'vitest';
import { duration, kpiValue, percent, wholeNumber } from './kpi-format';

describe('KPI figures as the panel writes them', () => {
  it('writes waits in seconds under a minute, then minutes:seconds, then hours', () => {
    expect(duration(45.4)).toBe('45 s');
    expect(duration(425)).toBe('7:05');
    expect(duration(3725)).toBe('1:02:05');
  });

  it('writes shares as percent and numbers whole', () => {
    expect(percent(7 / 15)).toBe('47%');
    expect(wholeNumber(23.6)).toBe('24');
  });

  it('writes a missing figure as a dash, never a zero', () => {
    for (const format of [duration, percent, wholeNumber]) expect(format(null)).toBe('–');
    expect(kpiValue('turnSec', null)).toBe('–');
  });

  it('picks the unit from the KPI name', () => {
    expect(kpiValue('gateWaitSec', 600)).toBe('10:00');
    expect(kpiValue('berthUtilisation', 0.8)).toBe('80%');
    expect(kpiValue('quayMovesPerCraneHour', 27.5)).toBe('28');
  });
});
