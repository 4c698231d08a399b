// Which shift an instant falls in, in the site's local time: shifts start at clock times of
// the targets file and each runs until the next one starts (the last until the first, the
// next day).
import type { Shift } from '@porttwin/contracts';

const DAY_MS = 86_400_000;

export interface ShiftSpan {
  name: string;
  start: number;
  end: number;
}

const clockMs = (time: string) => {
  const [hours, minutes] = time.split(':').map(Number);
  return (hours! * 60 + minutes!) * 60_000;
};

/** The shift `at` (epoch ms) falls in; `shifts` in the order of the day, as the targets file checks. */
export function shiftAt(shifts: readonly Shift[], at: number, utcOffsetMs: number): ShiftSpan {
  const local = at + utcOffsetMs;
  const midnight = Math.floor(local / DAY_MS) * DAY_MS;
  // Every shift start of yesterday, today and tomorrow in local ms, in order.
  const starts = [-DAY_MS, 0, DAY_MS].flatMap((day) =>
    shifts.map((shift) => ({ name: shift.name, start: midnight + day + clockMs(shift.start) })),
  );
  const index = starts.filter((start) => start.start <= local).length - 1;
  const current = starts[index]!;
  return { name: current.name, start: current.start - utcOffsetMs, end: starts[index + 1]!.start - utcOffsetMs };
}
