// A small, fixed day at the port for KPI tests: two gate lanes, a quay crane, a yard crane,
// a scanner and a truck over two hours and five minutes, with the KPI series it must give
// computed here independently of SQL. Test-only.
import type { AssetKpis, DeviceMessage, EventMessage, KpiBucket, KpiBucketWidth, SiteKpis, TelemetryMessage } from '@porttwin/contracts';
import type { Database } from '../database';
import { writeIngestBatch } from './ingest';

export const FIXTURE_MINUTES = 125;
const SITE = 'demo-port';

/** On the hour, three hours back: inside every refresh window, as live data would be. */
export function fixtureStart(now = Date.now()): number {
  return Math.floor(now / 3_600_000) * 3_600_000 - 3 * 3_600_000;
}

/** Writes messages in gateway-sized batches, the first batch delivered twice. */
export async function writeKpiFixture(db: Database, messages: DeviceMessage[]): Promise<void> {
  for (let i = 0; i < messages.length; i += 400) {
    await writeIngestBatch(db, { gatewayId: 'g1', messages: messages.slice(i, i + 400), deadLetters: [] });
  }
  await writeIngestBatch(db, { gatewayId: 'g2', messages: messages.slice(0, 400), deadLetters: [] });
}

/** The fixture's messages from start (epoch ms on the hour), each once, in time order. */
export function kpiFixture(start: number): DeviceMessage[] {
  const messages: DeviceMessage[] = [];
  const seqs = new Map<string, number>();
  const nextSeq = (assetId: string) => {
    const seq = (seqs.get(assetId) ?? 0) + 1;
    seqs.set(assetId, seq);
    return seq;
  };
  const telemetry = (kind: TelemetryMessage['kind'], assetId: string, ts: number, metrics: TelemetryMessage['metrics']) =>
    messages.push({ site: SITE, kind, assetId, channel: 'telemetry', ts, seq: nextSeq(assetId), receivedAt: ts + 40, metrics });
  const event = (kind: EventMessage['kind'], assetId: string, ts: number, type: string, data: Record<string, unknown>) =>
    messages.push({ site: SITE, kind, assetId, channel: 'event', ts, seq: nextSeq(assetId), receivedAt: ts + 40, type, data });

  for (let m = 0; m < FIXTURE_MINUTES; m++) {
    const minute = start + m * 60_000;
    for (let k = 0; k < 4; k++)
      telemetry('gate', 'GL-IN-1', minute + k * 15_000, { queueLength: (m * 7 + k) % 9, laneOpen: 1, busy: k % 2 });
    // A queueLength of the wrong type is stored but never averaged.
    telemetry('gate', 'GL-OUT-1', minute + 1_000, { queueLength: m % 13 === 0 ? 'n/a' : m % 3, laneOpen: 1 });
    telemetry('gate', 'GL-OUT-1', minute + 31_000, { queueLength: (m + 1) % 3, laneOpen: 1 });
    for (let k = 0; k < 3; k++)
      telemetry('scanner', 'SC-01', minute + k * 20_000 + 500, { queueLength: (m + k) % 5, busy: (m + k) % 4 < 2 });
    telemetry('qc', 'QC-01', minute + 2_000, { gantryPos: 10, trolleyPos: m % 30, hoistHeight: 12, load: m % 2, windSpeed: 4.5 });
    telemetry('truck', 'TRK-1', minute + 3_000, { x: m, y: 2 * m, speed: 8, heading: 90 });

    if (m % 2 === 0) event('gate', 'GL-IN-1', minute + 5_000, 'truck.arrived', { plate: `粤B${m}`, direction: 'in', containers: [] });
    if (m % 3 === 0) event('gate', 'GL-IN-1', minute + 50_000, 'truck.admitted', { plate: `粤B${m}`, processingSec: 45 });
    if (m % 10 === 0) event('gate', 'GL-IN-1', minute + 55_000, 'truck.rejected', { plate: `粤C${m}`, reason: 'no booking' });
    if (m % 4 === 0)
      event('gate', 'GL-OUT-1', minute + 7_000, 'truck.arrived', { plate: `粤D${m}`, direction: 'out', containers: ['MSKU1234565'] });
    if (m % 4 === 1) event('gate', 'GL-OUT-1', minute + 9_000, 'truck.admitted', { plate: `粤D${m - 1}`, processingSec: 20 });
    if (m % 2 === 1) event('qc', 'QC-01', minute + 11_000, 'move.completed', { container: `C${m}`, kind: 'load', cycleSec: 110 });
    if (m % 3 !== 0) event('yc', 'YC-01', minute + 13_000, 'move.completed', { container: `C${m}`, kind: 'stack', cycleSec: 80 });
    if (m % 5 === 0) event('yc', 'YC-01', minute + 43_000, 'move.completed', { container: `S${m}`, kind: 'shuffle', cycleSec: 70 });
    if (m % 7 === 0) event('yc', 'YC-01', minute + 44_000, 'fault.raised', { code: 'E1', severity: 'minor', message: 'spreader' });
    if (m % 3 === 0) {
      event('scanner', 'SC-01', minute + 15_000, 'scan.started', { plate: `粤B${m}`, container: `C${m}` });
      event('scanner', 'SC-01', minute + 45_000, 'scan.completed', {
        plate: `粤B${m}`,
        container: `C${m}`,
        durationSec: 30,
        verdict: m % 9 === 0 ? 'suspect' : 'clear',
      });
    }
  }
  return messages.sort((a, b) => a.ts - b.ts);
}

/** The series kpiSeries must return for the fixture's messages over buckets in [from, to). */
export function expectedKpiSeries(messages: DeviceMessage[], from: number, to: number, width: KpiBucketWidth): KpiBucket[] {
  const bucketMs = width === 'minute' ? 60_000 : 3_600_000;
  const tallies = new Map<string, Tally>();
  for (const message of messages) {
    if (message.ts < from || message.ts >= to || message.channel === 'status') continue;
    const start = Math.floor(message.ts / bucketMs) * bucketMs;
    const key = `${start} ${message.assetId}`;
    const tally = tallies.get(key) ?? newTally(start, message.assetId, message.kind);
    if (message.channel === 'telemetry') tallyTelemetry(tally, message.metrics);
    else tallyEvent(tally, message);
    tallies.set(key, tally);
  }
  const buckets = new Map<number, AssetKpis[]>();
  const ordered = [...tallies.values()]
    .filter((tally) => tally.counted)
    .sort((a, b) => a.start - b.start || (a.assetId < b.assetId ? -1 : 1));
  for (const tally of ordered) buckets.set(tally.start, [...(buckets.get(tally.start) ?? []), toAssetKpis(tally)]);
  return [...buckets].map(([start, assets]) => ({ start, assets, site: expectedSite(assets) }));
}

interface Tally {
  start: number;
  assetId: string;
  kind: string;
  /** Whether any message of this asset fed an aggregate in this bucket. */
  counted: boolean;
  counts: Pick<AssetKpis, 'trucksIn' | 'trucksOut' | 'trucksAdmitted' | 'trucksRejected' | 'moves' | 'scans' | 'suspectScans'>;
  queue: number[];
  busy: number[];
}

function newTally(start: number, assetId: string, kind: string): Tally {
  const counts = { trucksIn: 0, trucksOut: 0, trucksAdmitted: 0, trucksRejected: 0, moves: 0, scans: 0, suspectScans: 0 };
  return { start, assetId, kind, counted: false, counts, queue: [], busy: [] };
}

function tallyTelemetry(tally: Tally, metrics: TelemetryMessage['metrics']): void {
  if (!('queueLength' in metrics) && !('busy' in metrics)) return;
  tally.counted = true;
  if (typeof metrics.queueLength === 'number') tally.queue.push(metrics.queueLength);
  if (typeof metrics.busy === 'number' || typeof metrics.busy === 'boolean') tally.busy.push(Number(metrics.busy));
}

// The event types the aggregates keep; any of them gives the asset a row in the bucket.
const KPI_EVENT_TYPES = new Set(['truck.arrived', 'truck.admitted', 'truck.rejected', 'move.completed', 'scan.completed']);

function tallyEvent(tally: Tally, message: EventMessage): void {
  if (!KPI_EVENT_TYPES.has(message.type)) return;
  tally.counted = true;
  const counts = tally.counts;
  if (message.type === 'truck.arrived' && message.data.direction === 'in') counts.trucksIn++;
  if (message.type === 'truck.arrived' && message.data.direction === 'out') counts.trucksOut++;
  if (message.type === 'truck.admitted') counts.trucksAdmitted++;
  if (message.type === 'truck.rejected') counts.trucksRejected++;
  if (message.type === 'move.completed') counts.moves++;
  if (message.type === 'scan.completed') counts.scans++;
  if (message.type === 'scan.completed' && message.data.verdict === 'suspect') counts.suspectScans++;
}

function toAssetKpis(tally: Tally): AssetKpis {
  const sum = (values: number[]) => values.reduce((total, value) => total + value, 0);
  return {
    assetId: tally.assetId,
    kind: tally.kind,
    ...tally.counts,
    queueAvg: tally.queue.length > 0 ? sum(tally.queue) / tally.queue.length : null,
    queueMax: tally.queue.length > 0 ? Math.max(...tally.queue) : null,
    utilisation: tally.busy.length > 0 ? sum(tally.busy) / tally.busy.length : null,
  };
}

function expectedSite(assets: AssetKpis[]): SiteKpis {
  const sum = (pick: (asset: AssetKpis) => number, kind?: string) =>
    assets.filter((asset) => kind === undefined || asset.kind === kind).reduce((total, asset) => total + pick(asset), 0);
  const scanners = assets.filter((asset) => asset.kind === 'scanner' && asset.utilisation !== null);
  const scans = sum((asset) => asset.scans);
  const suspectScans = sum((asset) => asset.suspectScans);
  return {
    trucksIn: sum((asset) => asset.trucksIn),
    trucksOut: sum((asset) => asset.trucksOut),
    trucksAdmitted: sum((asset) => asset.trucksAdmitted),
    trucksRejected: sum((asset) => asset.trucksRejected),
    quayMoves: sum((asset) => asset.moves, 'qc'),
    yardMoves: sum((asset) => asset.moves, 'yc'),
    scans,
    suspectScans,
    suspectRate: scans > 0 ? suspectScans / scans : null,
    gateQueue: sum((asset) => asset.queueAvg ?? 0, 'gate'),
    scannerUtilisation: scanners.length > 0 ? scanners.reduce((total, s) => total + (s.utilisation ?? 0), 0) / scanners.length : null,
  };
}
