// A site's KPI targets and shifts (the site targets file, TARGETS_FILE): what each headline
// KPI should reach, and when the shifts start, for "this shift against target" and "this
// shift against the same shift yesterday".
import { Compile } from 'typebox/compile';
import Type from 'typebox';
import { schemaErrors } from './schema-errors';

/** The site KPIs a target can be set for, as the live KPI snapshot names them. */
export const KPI_NAMES = [
  'trucksPerHour',
  'gateWaitSec',
  'turnSec',
  'quayMovesPerCraneHour',
  'yardMovesPerHour',
  'scansPerHour',
  'laneUtilisation',
  'scannerUtilisation',
  'quayCraneUtilisation',
  'yardCraneUtilisation',
  'berthUtilisation',
] as const;
export type KpiName = (typeof KPI_NAMES)[number];

export const KpiTarget = Type.Object({
  target: Type.Number({ minimum: 0 }),
  /** Whether a higher or a lower figure meets the target (throughput: higher; waits: lower). */
  better: Type.Union([Type.Literal('higher'), Type.Literal('lower')]),
});
export type KpiTarget = Type.Static<typeof KpiTarget>;

/** Local wall-clock time "HH:MM" (24 h), in the site's time (its UTC offset from its longitude). */
const ClockTime = Type.String({ pattern: '^([01][0-9]|2[0-3]):[0-5][0-9]$' });

export const Shift = Type.Object({ name: Type.String({ minLength: 1, maxLength: 32 }), start: ClockTime });
export type Shift = Type.Static<typeof Shift>;

export const KpiTargetsFile = Type.Object(
  {
    site: Type.String({ minLength: 1 }),
    /** Shifts in the order of the day; each runs until the next one starts. */
    shifts: Type.Array(Shift, { minItems: 1, maxItems: 8 }),
    /** Any of KPI_NAMES; a KPI without one is shown without a target. */
    targets: Type.Partial(
      Type.Object({
        trucksPerHour: KpiTarget,
        gateWaitSec: KpiTarget,
        turnSec: KpiTarget,
        quayMovesPerCraneHour: KpiTarget,
        yardMovesPerHour: KpiTarget,
        scansPerHour: KpiTarget,
        laneUtilisation: KpiTarget,
        scannerUtilisation: KpiTarget,
        quayCraneUtilisation: KpiTarget,
        yardCraneUtilisation: KpiTarget,
        berthUtilisation: KpiTarget,
      } satisfies Record<KpiName, typeof KpiTarget>),
      { additionalProperties: false },
    ),
  },
  { additionalProperties: false },
);
export type KpiTargetsFile = Type.Static<typeof KpiTargetsFile>;

/** Without a targets file: no targets, and two 12-hour shifts from 08:00 and 20:00. */
export const NO_KPI_TARGETS = (site: string): KpiTargetsFile => ({
  site,
  shifts: [
    { name: 'day', start: '08:00' },
    { name: 'night', start: '20:00' },
  ],
  targets: {},
});

const targetsValidator = Compile(KpiTargetsFile);

export type KpiTargetsCheck = { ok: true; targets: KpiTargetsFile } | { ok: false; errors: string[] };

/** Checks a parsed targets file; each error names its field (e.g. "targets.turnSec.better"). */
export function checkKpiTargets(value: unknown): KpiTargetsCheck {
  if (!targetsValidator.Check(value)) {
    const errors = schemaErrors(targetsValidator.Errors(value));
    return { ok: false, errors };
  }
  const starts = value.shifts.map((shift) => shift.start);
  if (new Set(starts).size !== starts.length) return { ok: false, errors: ['shifts: two shifts start at the same time'] };
  if (starts.some((start, i) => i > 0 && start < starts[i - 1]!))
    return { ok: false, errors: ['shifts: list them in the order of the day, earliest start first'] };
  return { ok: true, targets: value };
}
