// A flapping detector's repeats read as one line; people's actions keep theirs.
import { describe, expect, it } from 'vitest';
import type { AlertHistoryEntry } from '@porttwin/contracts';
import { historyLines } from './alert-history';

const entry = (at: number, action: AlertHistoryEntry['action'], by = 'system'): AlertHistoryEntry => ({
  at,
  action,
  by,
  note: null,
  detail: {},
});

describe('historyLines', () => {
  it('folds a run of repeats into one line with its span and count', () => {
    const lines = historyLines([
      entry(1, 'raised'),
      entry(2, 'repeated'),
      entry(3, 'repeated'),
      entry(4, 'repeated'),
      entry(5, 'acknowledged', 'duty.supervisor'),
      entry(6, 'repeated'),
    ]);
    expect(lines.map((line) => [line.entry.action, line.entry.at, line.until, line.times])).toEqual([
      ['raised', 1, null, 1],
      ['repeated', 2, 4, 3],
      ['acknowledged', 5, null, 1],
      ['repeated', 6, null, 1],
    ]);
  });
});
