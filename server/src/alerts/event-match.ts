// Whether an event's data has the fields a rule asks for: each field equal to the value, or to
// one of the values listed.
type FieldValue = string | number | boolean;

export function dataMatches(data: Record<string, unknown>, wanted: Record<string, FieldValue | FieldValue[]> | undefined): boolean {
  if (!wanted) return true;
  return Object.entries(wanted).every(([field, value]) =>
    Array.isArray(value) ? value.includes(data[field] as FieldValue) : data[field] === value,
  );
}
