// Licence plates are personal data (issue 8, part 6): roles that may not see them
// (MAY.seePlates) get them masked, and stored rows lose them after the retention period.
// A plate travels as the field `plate` of an event's data or a truck's metrics.

/** The field that carries a plate in event data and telemetry metrics (SPEC, device contract). */
export const PLATE_FIELD = 'plate';

/** Days a stored row keeps its plate in the clear unless PLATE_RETENTION_DAYS says otherwise. */
export const DEFAULT_PLATE_RETENTION_DAYS = 90;

/** What stands for a hidden character; a plate from a device never contains it (payloads.ts). */
export const PLATE_MASK_CHAR = '*';

/**
 * A plate with most of it hidden, its length kept: `粤B12345` → `粤B1***5`. A Chinese plate
 * keeps its province and city letter (where it is from, not which truck), then the first and
 * last characters of the serial; a Latin plate (Hong Kong, Macau) keeps its first and last;
 * shorter plates keep less, and at least one character is always hidden, so a masked plate
 * always holds `*`. Masking a masked plate changes nothing.
 */
export function maskPlate(plate: string): string {
  const chars = Array.from(plate);
  const n = chars.length;
  if (n === 0) return PLATE_MASK_CHAR;
  // A province character (粤, 湘…) is outside ASCII; Latin plates are inside it.
  const provincial = (chars[0]?.codePointAt(0) ?? 0) > 0x7f;
  const [keepStart, keepEnd] = provincial
    ? n >= 6
      ? [3, 1]
      : n >= 4
        ? [2, 0]
        : n >= 2
          ? [1, 0]
          : [0, 0]
    : n >= 5
      ? [1, 1]
      : n >= 3
        ? [1, 0]
        : [0, 0];
  return chars.map((char, i) => (i < keepStart || i >= n - keepEnd ? char : PLATE_MASK_CHAR)).join('');
}

/** Whether a plate has been masked already (by maskPlate, or by the retention job). */
export function isMaskedPlate(plate: string): boolean {
  return plate.includes(PLATE_MASK_CHAR);
}

/** The record with its `plate` masked when it has one; the same object when it has none. */
export function maskPlateField<T extends Record<string, unknown>>(record: T): T {
  const plate = record[PLATE_FIELD];
  return typeof plate === 'string' ? { ...record, [PLATE_FIELD]: maskPlate(plate) } : record;
}
