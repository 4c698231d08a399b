// An alert's history as the detail lists it: a camera that sees smoke every 20 s repeats its
// alert dozens of times, so a run of repeats is one line with its first and last time and how
// many, and every person's action keeps its own line.
import type { AlertHistoryEntry } from '@porttwin/contracts';

export interface HistoryLine {
  entry: AlertHistoryEntry;
  /** For a run of repeats: the last one's time, and how many there were; otherwise null and 1. */
  until: number | null;
  times: number;
}

export function historyLines(entries: readonly AlertHistoryEntry[]): HistoryLine[] {
  const lines: HistoryLine[] = [];
  for (const entry of entries) {
    const last = lines.at(-1);
    if (entry.action === 'repeated' && last?.entry.action === 'repeated') {
      last.until = entry.at;
      last.times += 1;
    } else lines.push({ entry, until: null, times: 1 });
  }
  return lines;
}
