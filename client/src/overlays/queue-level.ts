// How worrying a gate queue is, for the colour of its label.

export type QueueLevel = 'short' | 'building' | 'long' | 'closed' | 'unknown';

/** Up to 4 trucks is normal flow, 5–9 is building up, 10 or more wants another lane opened. */
export function queueLevel(queueLength: number | null, laneOpen: boolean): QueueLevel {
  if (!laneOpen) return 'closed';
  if (queueLength === null) return 'unknown';
  if (queueLength >= 10) return 'long';
  if (queueLength >= 5) return 'building';
  return 'short';
}
