// The flows the model runs: truck arrivals and their daily profile, service times at each
// stage, inspection and alarm shares, crane rates and vessel calls. The defaults live here;
// a flow file (or a scenario's `flow` section) overrides any part of them.
import Type from 'typebox';
import { Distribution, checkDistribution } from './distribution';

const Share = Type.Number({ minimum: 0, maximum: 1 });
const Positive = Type.Number({ exclusiveMinimum: 0 });

const Trucks = Type.Object({
  /** Mean arrivals per hour over the day, across all inbound lanes. */
  arrivalsPerHour: Type.Number({ minimum: 0 }),
  /** Relative arrival intensity for each local hour 0–23 (scaled so the day's mean is 1). */
  hourlyProfile: Type.Array(Type.Number({ minimum: 0 }), { minItems: 24, maxItems: 24 }),
  /** The site's offset from UTC for the profile; default from the anchor's longitude. */
  utcOffsetHours: Type.Optional(Type.Number({ minimum: -12, maximum: 14 })),
  /** Trucks that bring an export box (the rest come empty to collect one). */
  loadedShare: Share,
  /** Loaded trucks carrying two 20 ft boxes. */
  twoBoxShare: Share,
  /** Trackers in the pool: the cap on trucks that report at once. */
  trackers: Type.Integer({ minimum: 0, maximum: 10_000 }),
  /** A driver who finds the shortest open lane this long drives off (bounds overload). */
  maxLaneQueue: Type.Integer({ minimum: 1 }),
});
const Gate = Type.Object({
  inServiceSec: Distribution,
  outServiceSec: Distribution,
  /** Inbound trucks turned back at the booth. */
  rejectShare: Share,
});
const RadiationPortal = Type.Object({
  /** Time a truck stands in the portal before it rolls on to the booth. */
  serviceSec: Distribution,
  /** Loaded trucks that trip an alarm (they are then sent to the scanner). */
  alarmShare: Share,
  /** Alarms at the high level. */
  highShare: Share,
});
const Inspection = Type.Object({
  /** Loaded inbound trucks the customs risk engine sends to the scanner. */
  share: Share,
  scanSec: Distribution,
  suspectShare: Share,
});
const Yard = Type.Object({
  craneCycleSec: Distribution,
  /** Service at blocks whose crane is not modelled. */
  unmodelledDwellSec: Distribution,
  /** Empty trucks, or loaded ones that also collect a box. */
  collectShare: Share,
});
const Quay = Type.Object({
  /** One quay crane move; 3600 / mean is the crane's gross moves per hour. */
  craneCycleSec: Distribution,
  /** Discharge plus load moves of one vessel call. */
  movesPerCall: Distribution,
  /** A berth lies empty this long between calls. */
  berthIdleSec: Distribution,
  /** Share of berths with a ship alongside when the run opens (the demo starts mid-shift). */
  openingOccupancy: Share,
});
const Cameras = Type.Object({ meanDetectionGapSec: Positive });

export const Flow = Type.Object({
  trucks: Trucks,
  gate: Gate,
  radiationPortal: RadiationPortal,
  inspection: Inspection,
  yard: Yard,
  quay: Quay,
  cameras: Cameras,
});
/** The resolved flow configuration: every field present. */
export type Flow = Type.Static<typeof Flow>;

const strict = { additionalProperties: false } as const;
/** What a flow file or a scenario's `flow` section may hold: any part of Flow. */
export const FlowOverrides = Type.Partial(
  Type.Object({
    trucks: Type.Partial(Trucks, strict),
    gate: Type.Partial(Gate, strict),
    radiationPortal: Type.Partial(RadiationPortal, strict),
    inspection: Type.Partial(Inspection, strict),
    yard: Type.Partial(Yard, strict),
    quay: Type.Partial(Quay, strict),
    cameras: Type.Partial(Cameras, strict),
  }),
  strict,
);
export type FlowOverrides = Type.Static<typeof FlowOverrides>;

/** A road border crossing that never closes: busy mornings and afternoons, quiet nights. */
const DEFAULT_PROFILE = [
  0.45, 0.4, 0.35, 0.35, 0.4, 0.55, 0.9, 1.35, 1.7, 1.6, 1.4, 1.25, 1.1, 1.2, 1.35, 1.45, 1.5, 1.35, 1.1, 0.9, 0.75, 0.65, 0.55, 0.5,
];

export const DEFAULT_FLOW: Flow = {
  trucks: { arrivalsPerHour: 240, hourlyProfile: DEFAULT_PROFILE, loadedShare: 0.8, twoBoxShare: 0.25, trackers: 150, maxLaneQueue: 40 },
  // Inbound checks (declaration, OCR, weighing) take about a minute; outbound ones half that.
  gate: {
    inServiceSec: { kind: 'lognormal', median: 50, sigma: 0.22, min: 20, max: 180 },
    outServiceSec: { kind: 'lognormal', median: 22, sigma: 0.25, min: 8, max: 90 },
    rejectShare: 0.03,
  },
  // A drive-through portal wants a few seconds at walking pace; about one loaded truck in two
  // hundred trips it (mostly naturally occurring material: ceramics, fertiliser, granite).
  radiationPortal: { serviceSec: { kind: 'fixed', value: 6 }, alarmShare: 0.005, highShare: 0.2 },
  // A drive-through CT scan plus the analyst's first look: one to two minutes.
  inspection: { share: 0.2, scanSec: { kind: 'lognormal', median: 75, sigma: 0.25, min: 30, max: 300 }, suspectShare: 0.03 },
  yard: {
    craneCycleSec: { kind: 'lognormal', median: 115, sigma: 0.15, min: 60, max: 300 },
    unmodelledDwellSec: { kind: 'lognormal', median: 110, sigma: 0.35, min: 45, max: 600 },
    collectShare: 0.25,
  },
  // ~119 s mean cycle: 30 gross moves an hour, mid-range of the 25–35 terminals report.
  quay: {
    craneCycleSec: { kind: 'lognormal', median: 119, sigma: 0.1, min: 80, max: 300 },
    movesPerCall: { kind: 'lognormal', median: 900, sigma: 0.4, min: 150, max: 3000 },
    berthIdleSec: { kind: 'lognormal', median: 3 * 3600, sigma: 0.5, min: 1800, max: 24 * 3600 },
    openingOccupancy: 0.75,
  },
  // Per camera: with 15+ cameras that is a detection every two minutes or so across the site.
  cameras: { meanDetectionGapSec: 1800 },
};

/** Overrides laid over a base (section by section); arrays and distributions replace whole. */
export function mergeFlow(base: Flow, overrides: FlowOverrides | undefined): Flow {
  if (!overrides) return base;
  const merged = { ...base } as Record<string, unknown>;
  for (const [section, values] of Object.entries(overrides)) {
    merged[section] = { ...(base as Record<string, object>)[section], ...values };
  }
  return merged as Flow;
}

/** The checks a schema cannot express (a distribution's required parameters), field by field. */
export function checkFlowOverrides(overrides: FlowOverrides, path: string): string[] {
  const errors: string[] = [];
  for (const [section, values] of Object.entries(overrides)) {
    for (const [field, value] of Object.entries(values ?? {})) {
      if (typeof value === 'object' && value !== null && 'kind' in value) {
        errors.push(...checkDistribution(value as Distribution, `${path}${section}.${field}`));
      }
    }
  }
  const profile = overrides.trucks?.hourlyProfile;
  if (profile && !profile.some((v) => v > 0)) errors.push(`${path}trucks.hourlyProfile: needs at least one hour above 0`);
  return errors;
}
