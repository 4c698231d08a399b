// When the wall's alarm sounds: at once for a critical alert nobody has acknowledged that is new
// or seen again, and as a reminder every half minute while any such alert is left.
import type { Alert } from '@porttwin/contracts';

export const REMIND_MS = 30_000;

/** What the alarm last sounded for: each alert with its repeat count, and when. */
export interface AlarmHeard {
  keys: ReadonlySet<string>;
  at: number;
}

export const nothingHeard: AlarmHeard = { keys: new Set(), at: 0 };

/** Each unacknowledged alert and repeat as a key: a new key is news. */
export function alarmKeys(unacknowledged: readonly Pick<Alert, 'id' | 'count'>[]): string[] {
  return unacknowledged.map((alert) => `${alert.id}:${alert.count}`);
}

/** Whether to sound now; when it should, what to remember as heard. */
export function alarmDue(keys: readonly string[], heard: AlarmHeard, now: number): AlarmHeard | null {
  if (keys.length === 0) return null;
  const news = keys.some((key) => !heard.keys.has(key));
  if (!news && now - heard.at < REMIND_MS) return null;
  return { keys: new Set(keys), at: now };
}
