// The live KPIs over a window of whole minutes: what the ticker pushes each minute and
// GET /api/kpis/summary answers, from one function so both say the same. Counts and busy
// shares come from the KPI aggregates (as GET /api/kpis), waits and turn times
// from journeys (stageMeans), ships from their berth events.
import type {
  BerthKpi,
  CraneKpi,
  GateLaneKpi,
  KpiAgainstTarget,
  KpiName,
  KpiSnapshot,
  KpiTargetsFile,
  ScannerKpi,
  ShiftTotals,
  SiteKpiFigures,
  SiteLayout,
} from '@porttwin/contracts';
import { siteUtcOffsetMs } from '@porttwin/contracts';
import {
  type AssetWindowTotals,
  berthCalls,
  latestGateReports,
  movesBy,
  type Queryable,
  siteCounts,
  stageMeans,
  type StageMean,
  windowTotals,
  noWindowTotals,
} from '@porttwin/db';
import { shiftAt } from './shifts';

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;

/** What the summary needs of the layout: lane directions, which quay cranes work which berth. */
export interface KpiSite {
  laneDirections: ReadonlyMap<string, 'in' | 'out'>;
  quayCranesByBerth: ReadonlyMap<string, readonly string[]>;
  berths: readonly string[];
  utcOffsetMs: number;
  targets: KpiTargetsFile;
}

export function kpiSite(layout: SiteLayout, targets: KpiTargetsFile): KpiSite {
  const laneDirections = new Map<string, 'in' | 'out'>();
  const quayCranesByBerth = new Map<string, string[]>(layout.berths.map((berth) => [berth.id, []]));
  for (const asset of layout.assets) {
    if (asset.kind === 'gate' && asset.direction) laneDirections.set(asset.id, asset.direction);
    if (asset.kind === 'qc' && asset.berth) quayCranesByBerth.get(asset.berth)?.push(asset.id);
  }
  return {
    laneDirections,
    quayCranesByBerth,
    berths: layout.berths.map((berth) => berth.id),
    utcOffsetMs: siteUtcOffsetMs(layout),
    targets,
  };
}

/** Live rates are counted over this trailing window of whole minutes: long enough to be steady, short enough to react. */
export const KPI_WINDOW_MINUTES = 15;

/** The window of `minutes` whole minutes ending at the minute `at` falls in (or on). */
export function kpiWindow(at: number, minutes: number): { from: number; to: number } {
  const to = Math.floor(at / MINUTE_MS) * MINUTE_MS;
  return { from: to - minutes * MINUTE_MS, to };
}

const byName = (a: { assetId: string }, b: { assetId: string }) => a.assetId.localeCompare(b.assetId, 'en', { numeric: true });
const mean = (values: readonly number[]) => (values.length > 0 ? values.reduce((sum, value) => sum + value, 0) / values.length : null);
const share = (sum: number, samples: number) => (samples > 0 ? Math.min(1, sum / samples) : null);

/** The KPIs over [from, to): from and to on whole minutes. */
export async function kpiSummary(db: Queryable, site: KpiSite, from: number, to: number): Promise<KpiSnapshot> {
  const perHour = (count: number) => (count * 3_600_000) / (to - from);
  const [totals, gates, dwells, calls] = await Promise.all([
    windowTotals(db, from, to),
    latestGateReports(db),
    stageMeans(db, from, to),
    berthCalls(db, from, to),
  ]);
  const totalsOf = new Map(totals.map((row) => [row.assetId, row]));
  const dwellOf = (stage: StageMean['stage'], assetId?: string) => dwells.find((d) => d.stage === stage && d.assetId === assetId);
  const ofKind = (kind: string, layoutIds: Iterable<string> = []) =>
    [...new Set([...layoutIds, ...totals.filter((row) => row.kind === kind).map((row) => row.assetId)])].map(
      (assetId): AssetWindowTotals => totalsOf.get(assetId) ?? noWindowTotals(assetId, kind),
    );

  const latest = new Map(gates.map((gate) => [gate.assetId, gate]));
  const gateLanes: GateLaneKpi[] = ofKind('gate', [...site.laneDirections.keys(), ...latest.keys()]).map((lane) => {
    const direction = site.laneDirections.get(lane.assetId) ?? null;
    const wait = dwellOf(direction === 'out' ? 'outQueue' : 'gateQueue', lane.assetId);
    const report = latest.get(lane.assetId);
    return {
      assetId: lane.assetId,
      direction,
      open: report?.laneOpen == null ? null : report.laneOpen !== 0,
      trucksPerHour: perHour(lane.trucksAdmitted),
      queueLength: report?.queueLength ?? null,
      queueAvg: lane.queueSamples > 0 ? lane.queueSum / lane.queueSamples : null,
      waitSec: wait?.meanSec ?? null,
      waits: wait?.count ?? 0,
      utilisation: share(lane.busySum, lane.busySamples),
    };
  });
  const scanners: ScannerKpi[] = ofKind('scanner').map((scanner) => ({
    assetId: scanner.assetId,
    scansPerHour: perHour(scanner.scans),
    queueAvg: scanner.queueSamples > 0 ? scanner.queueSum / scanner.queueSamples : null,
    waitSec: dwellOf('scanQueue', scanner.assetId)?.meanSec ?? null,
    utilisation: share(scanner.busySum, scanner.busySamples),
  }));
  const cranes = (kind: 'qc' | 'yc', layoutIds: Iterable<string> = []): CraneKpi[] =>
    ofKind(kind, layoutIds).map((crane) => ({
      assetId: crane.assetId,
      movesPerHour: perHour(crane.moves),
      utilisation: share(crane.busySum, crane.busySamples),
    }));
  const quayCranes = cranes('qc', [...site.quayCranesByBerth.values()].flat());
  const yardCranes = cranes('yc');

  const berths: BerthKpi[] = [];
  for (const berth of site.berths) {
    const stays = calls.filter((call) => call.berth === berth);
    const alongside = stays.reduce((ms, call) => ms + Math.min(to, call.departedAt ?? to) - Math.max(from, call.arrivedAt), 0);
    // The ship there at the window's end: the latest arrival not yet departed.
    const current = stays.filter((call) => call.departedAt === null).at(-1);
    const movesDone = current ? await movesBy(db, site.quayCranesByBerth.get(berth) ?? [], current.arrivedAt, to) : 0;
    berths.push({
      berth,
      utilisation: Math.min(1, alongside / (to - from)),
      vessel: current
        ? {
            assetId: current.vesselId,
            voyage: current.voyage,
            arrivedAt: current.arrivedAt,
            movesDone,
            movesPlanned: current.plannedMoves,
            progress: current.plannedMoves ? Math.min(1, movesDone / current.plannedMoves) : null,
          }
        : null,
    });
  }

  for (const list of [gateLanes, scanners, quayCranes, yardCranes]) list.sort(byName);
  const sumOf = <T>(list: readonly T[], pick: (item: T) => number) => list.reduce((sum, item) => sum + pick(item), 0);
  const utilisations = (list: readonly { utilisation: number | null }[]) =>
    mean(list.flatMap((item) => (item.utilisation === null ? [] : [item.utilisation])));
  const scans = sumOf(ofKind('scanner'), (scanner) => scanner.scans);
  const suspectScans = sumOf(ofKind('scanner'), (scanner) => scanner.suspectScans);
  const site_: SiteKpiFigures = {
    trucksPerHour: sumOf(gateLanes, (lane) => lane.trucksPerHour),
    gateQueue: sumOf(gateLanes, (lane) => lane.queueLength ?? 0),
    gateWaitSec: dwellOf('gateQueue')?.meanSec ?? null,
    turnSec: dwellOf('turn')?.meanSec ?? null,
    quayMovesPerHour: sumOf(quayCranes, (crane) => crane.movesPerHour),
    quayMovesPerCraneHour: mean(quayCranes.filter((crane) => crane.movesPerHour > 0).map((crane) => crane.movesPerHour)),
    yardMovesPerHour: sumOf(yardCranes, (crane) => crane.movesPerHour),
    scansPerHour: perHour(scans),
    suspectRate: scans > 0 ? suspectScans / scans : null,
    laneUtilisation: utilisations(gateLanes.filter((lane) => lane.open !== false)),
    scannerUtilisation: utilisations(scanners),
    quayCraneUtilisation: utilisations(quayCranes),
    yardCraneUtilisation: utilisations(yardCranes),
    berthUtilisation: berths.length > 0 ? sumOf(berths, (berth) => berth.utilisation) / berths.length : null,
  };

  const span = shiftAt(site.targets.shifts, to - 1, site.utcOffsetMs);
  const [current, yesterday] = await Promise.all([shiftTotals(db, span.start, to), shiftTotals(db, span.start - DAY_MS, to - DAY_MS)]);
  return {
    from,
    at: to,
    windowMinutes: (to - from) / MINUTE_MS,
    gateLanes,
    scanners,
    quayCranes,
    yardCranes,
    berths,
    site: site_,
    targets: againstTargets(site_, site.targets),
    shift: { name: span.name, start: span.start, end: span.end, current, yesterday },
  };
}

/** Each KPI the targets file names, in its order, against its target. */
export function againstTargets(figures: SiteKpiFigures, file: KpiTargetsFile): KpiAgainstTarget[] {
  return (Object.entries(file.targets) as [KpiName, { target: number; better: 'higher' | 'lower' }][]).map(([kpi, { target, better }]) => {
    const value = figures[kpi];
    return { kpi, value, target, better, met: value === null ? null : better === 'higher' ? value >= target : value <= target };
  });
}

async function shiftTotals(db: Queryable, from: number, to: number): Promise<ShiftTotals> {
  const [counts, dwells] = await Promise.all([siteCounts(db, from, to), stageMeans(db, from, to)]);
  const overall = (stage: StageMean['stage']) => dwells.find((d) => d.stage === stage && d.assetId === undefined)?.meanSec ?? null;
  return { from, to, ...counts, gateWaitSec: overall('gateQueue'), turnSec: overall('turn') };
}
