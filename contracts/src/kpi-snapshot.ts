// The live KPIs (socket.io `kpis`, GET /api/kpis/summary): every figure over one trailing window
// of whole minutes, read from the same per-minute aggregates as GET /api/kpis, waits and turn
// times from truck journeys, each headline figure against the site's target, and this shift
// so far against the same part of the same shift yesterday.
import Type from 'typebox';
import { KPI_NAMES } from './kpi-targets';

const Nullable = <T extends Type.TSchema>(schema: T) => Type.Union([schema, Type.Null()]);
const Share = Nullable(Type.Number({ minimum: 0, maximum: 1 }));
const Rate = Type.Number({ minimum: 0, description: 'per hour, from the count over the window' });
const Sec = Nullable(Type.Number({ minimum: 0 }));

export const GateLaneKpi = Type.Object({
  assetId: Type.String(),
  direction: Nullable(Type.Union([Type.Literal('in'), Type.Literal('out')])),
  /** laneOpen as last reported; null if the lane never said. */
  open: Nullable(Type.Boolean()),
  /** Trucks the booth admitted, per hour. */
  trucksPerHour: Rate,
  /** queueLength as last reported (now), and its mean over the window. */
  queueLength: Nullable(Type.Number()),
  queueAvg: Nullable(Type.Number()),
  /** Mean wait in the lane's queue of the trucks whose wait ended in the window, and how many. */
  waitSec: Sec,
  waits: Type.Integer({ minimum: 0 }),
  /** Share of the window the booth was busy (its busy samples). */
  utilisation: Share,
});
export type GateLaneKpi = Type.Static<typeof GateLaneKpi>;

export const ScannerKpi = Type.Object({
  assetId: Type.String(),
  scansPerHour: Rate,
  queueAvg: Nullable(Type.Number()),
  /** Mean wait in the scan queue (journeys), as for lanes. */
  waitSec: Sec,
  utilisation: Share,
});
export type ScannerKpi = Type.Static<typeof ScannerKpi>;

export const CraneKpi = Type.Object({ assetId: Type.String(), movesPerHour: Rate, utilisation: Share });
export type CraneKpi = Type.Static<typeof CraneKpi>;

export const VesselProgress = Type.Object({
  assetId: Type.String(),
  voyage: Type.String(),
  arrivedAt: Type.Number(),
  /** Moves by the berth's quay cranes since the ship arrived; planned from its berth.arrived (null if not sent). */
  movesDone: Type.Integer({ minimum: 0 }),
  movesPlanned: Nullable(Type.Integer({ minimum: 0 })),
  /** movesDone / movesPlanned, at most 1; null without a plan. */
  progress: Share,
});
export type VesselProgress = Type.Static<typeof VesselProgress>;

export const BerthKpi = Type.Object({
  berth: Type.String(),
  /** Share of the window a ship lay alongside. */
  utilisation: Type.Number({ minimum: 0, maximum: 1 }),
  /** The ship alongside at the window's end, if any. */
  vessel: Nullable(VesselProgress),
});
export type BerthKpi = Type.Static<typeof BerthKpi>;

export const SiteKpiFigures = Type.Object({
  trucksPerHour: Rate,
  /** Trucks queued at the gate now (the lanes' last queueLength). */
  gateQueue: Type.Number({ minimum: 0 }),
  /** Mean inbound gate-queue wait, and mean turn time (arrival to gate-out) of trucks released in the window. */
  gateWaitSec: Sec,
  turnSec: Sec,
  quayMovesPerHour: Rate,
  /** Gross crane productivity: the mean over quay cranes that moved in the window. */
  quayMovesPerCraneHour: Nullable(Type.Number({ minimum: 0 })),
  yardMovesPerHour: Rate,
  scansPerHour: Rate,
  suspectRate: Share,
  laneUtilisation: Share,
  scannerUtilisation: Share,
  quayCraneUtilisation: Share,
  yardCraneUtilisation: Share,
  berthUtilisation: Share,
});
export type SiteKpiFigures = Type.Static<typeof SiteKpiFigures>;

export const KpiAgainstTarget = Type.Object({
  kpi: Type.Enum(KPI_NAMES),
  value: Nullable(Type.Number()),
  target: Type.Number(),
  better: Type.Union([Type.Literal('higher'), Type.Literal('lower')]),
  /** null when there is no value to judge. */
  met: Nullable(Type.Boolean()),
});
export type KpiAgainstTarget = Type.Static<typeof KpiAgainstTarget>;

/** Totals over part of a shift. */
export const ShiftTotals = Type.Object({
  from: Type.Number(),
  to: Type.Number(),
  trucksAdmitted: Type.Integer({ minimum: 0 }),
  quayMoves: Type.Integer({ minimum: 0 }),
  yardMoves: Type.Integer({ minimum: 0 }),
  scans: Type.Integer({ minimum: 0 }),
  gateWaitSec: Sec,
  turnSec: Sec,
});
export type ShiftTotals = Type.Static<typeof ShiftTotals>;

export const ShiftComparison = Type.Object({
  name: Type.String(),
  /** The shift's start and end, epoch ms. */
  start: Type.Number(),
  end: Type.Number(),
  /** From the shift's start to the window's end… */
  current: ShiftTotals,
  /** …and the same span 24 h earlier. */
  yesterday: ShiftTotals,
});
export type ShiftComparison = Type.Static<typeof ShiftComparison>;

export const KpiSnapshot = Type.Object({
  /** The window [from, at): whole minutes, `at` on a minute. */
  from: Type.Number(),
  at: Type.Number(),
  windowMinutes: Type.Integer({ minimum: 1 }),
  gateLanes: Type.Array(GateLaneKpi),
  scanners: Type.Array(ScannerKpi),
  quayCranes: Type.Array(CraneKpi),
  yardCranes: Type.Array(CraneKpi),
  berths: Type.Array(BerthKpi),
  site: SiteKpiFigures,
  /** The site targets file's KPIs, each against its target. */
  targets: Type.Array(KpiAgainstTarget),
  shift: ShiftComparison,
});
export type KpiSnapshot = Type.Static<typeof KpiSnapshot>;
