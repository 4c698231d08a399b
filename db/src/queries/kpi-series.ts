// KPI series per minute or per hour, per asset and for the site, read from the KPI
// aggregates of migration 004: continuous aggregates on TimescaleDB, tables kept by triggers
// on plain PostgreSQL (015); the same query on both.
import type { AssetKpis, KpiBucket, KpiBucketWidth, SiteKpis } from '@porttwin/contracts';
import type { Queryable } from '../database';

export interface KpiSeriesRange {
  /** Epoch ms; buckets starting in [from, to) are returned. */
  from: number;
  to: number;
  bucket: KpiBucketWidth;
}

// Events and telemetry buckets of one asset merged by UNION ALL rather than a full join, so
// the range condition reaches both aggregates; the asset's kind comes from the events or,
// for a telemetry-only asset, from its live-state row. Sums are numeric on plain PostgreSQL
// (015): the nulls standing in for them are too, so no sum is narrowed to float8 (where it
// could overflow).
const seriesSql = (events: string, telemetry: string) => `
SELECT extract(epoch FROM m.bucket) * 1000 AS start, m.asset_id,
       coalesce(max(m.kind), max(a.kind), 'unknown') AS kind,
       sum(m.trucks_in) AS trucks_in, sum(m.trucks_out) AS trucks_out,
       sum(m.trucks_admitted) AS trucks_admitted, sum(m.trucks_rejected) AS trucks_rejected,
       sum(m.moves) AS moves, sum(m.scans) AS scans, sum(m.suspect_scans) AS suspect_scans,
       sum(m.queue_samples) AS queue_samples, sum(m.queue_sum) AS queue_sum, max(m.queue_max) AS queue_max,
       sum(m.busy_samples) AS busy_samples, sum(m.busy_sum) AS busy_sum
FROM (
  SELECT bucket, asset_id, kind, trucks_in, trucks_out, trucks_admitted, trucks_rejected, moves, scans, suspect_scans,
         0 AS queue_samples, NULL::numeric AS queue_sum, NULL::numeric AS queue_max, 0 AS busy_samples, NULL::numeric AS busy_sum
  FROM ${events}
  WHERE bucket >= to_timestamp($1 / 1000.0) AND bucket < to_timestamp($2 / 1000.0)
  UNION ALL
  SELECT bucket, asset_id, NULL, 0, 0, 0, 0, 0, 0, 0, queue_samples, queue_sum, queue_max, busy_samples, busy_sum
  FROM ${telemetry}
  WHERE bucket >= to_timestamp($1 / 1000.0) AND bucket < to_timestamp($2 / 1000.0)
) AS m
LEFT JOIN assets a ON a.asset_id = m.asset_id
GROUP BY m.bucket, m.asset_id
ORDER BY m.bucket, m.asset_id COLLATE "C"`;

// Fixed statements, one per width: relation names never come from input.
const SERIES_SQL: Record<KpiBucketWidth, string> = {
  minute: seriesSql('kpi_events_1m', 'kpi_telemetry_1m'),
  hour: seriesSql('kpi_events_1h', 'kpi_telemetry_1h'),
};

type Numeric = number | string | null;
interface SeriesRow {
  start: Numeric;
  asset_id: string;
  kind: string;
  [measure: string]: Numeric;
}

/** KPI buckets starting in [from, to), oldest first; a bucket with no data is absent. */
export async function kpiSeries(db: Queryable, range: KpiSeriesRange): Promise<KpiBucket[]> {
  const { rows } = await db.query<SeriesRow>(SERIES_SQL[range.bucket], [range.from, range.to]);
  const buckets = new Map<number, AssetKpis[]>();
  for (const row of rows) {
    const start = Number(row.start);
    const assets = buckets.get(start) ?? [];
    assets.push(toAssetKpis(row));
    buckets.set(start, assets);
  }
  return [...buckets].map(([start, assets]) => ({ start, assets, site: siteKpis(assets) }));
}

function toAssetKpis(row: SeriesRow): AssetKpis {
  const count = (name: string) => Number(row[name] ?? 0);
  const ratio = (sum: string, samples: string) => (count(samples) > 0 ? count(sum) / count(samples) : null);
  return {
    assetId: row.asset_id,
    kind: row.kind,
    trucksIn: count('trucks_in'),
    trucksOut: count('trucks_out'),
    trucksAdmitted: count('trucks_admitted'),
    trucksRejected: count('trucks_rejected'),
    moves: count('moves'),
    scans: count('scans'),
    suspectScans: count('suspect_scans'),
    queueAvg: ratio('queue_sum', 'queue_samples'),
    queueMax: row.queue_max === null ? null : Number(row.queue_max),
    utilisation: ratio('busy_sum', 'busy_samples'),
  };
}

function siteKpis(assets: AssetKpis[]): SiteKpis {
  const total = (of: AssetKpis[], pick: (asset: AssetKpis) => number) => of.reduce((sum, asset) => sum + pick(asset), 0);
  const ofKind = (kind: string) => assets.filter((asset) => asset.kind === kind);
  const scanners = ofKind('scanner').filter((scanner) => scanner.utilisation !== null);
  const scans = total(assets, (asset) => asset.scans);
  const suspectScans = total(assets, (asset) => asset.suspectScans);
  return {
    trucksIn: total(assets, (asset) => asset.trucksIn),
    trucksOut: total(assets, (asset) => asset.trucksOut),
    trucksAdmitted: total(assets, (asset) => asset.trucksAdmitted),
    trucksRejected: total(assets, (asset) => asset.trucksRejected),
    quayMoves: total(ofKind('qc'), (crane) => crane.moves),
    yardMoves: total(ofKind('yc'), (crane) => crane.moves),
    scans,
    suspectScans,
    suspectRate: scans > 0 ? suspectScans / scans : null,
    gateQueue: total(ofKind('gate'), (lane) => lane.queueAvg ?? 0),
    scannerUtilisation: scanners.length > 0 ? total(scanners, (scanner) => scanner.utilisation ?? 0) / scanners.length : null,
  };
}
