// Clock times as operators read them: 24-hour hh:mm:ss in the browser's time zone.

function pad(value: number): string {
  return value.toString().padStart(2, '0');
}

/** 14:05:09 */
export function formatClock(epochMs: number): string {
  const d = new Date(epochMs);
  return `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
}

/** 14:05 */
export function formatMinute(epochMs: number): string {
  const d = new Date(epochMs);
  return `${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** 2027-03-03, for dates further off than today (a kiosk token's expiry). */
export function formatDay(epochMs: number): string {
  const d = new Date(epochMs);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}
