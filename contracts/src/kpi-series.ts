// KPI series per minute or per hour (GET /api/kpis), per asset and for the site.
import Type from 'typebox';

const Count = Type.Number({ minimum: 0 });
const Share = Type.Union([Type.Number({ minimum: 0, maximum: 1 }), Type.Null()]);

/** How wide a KPI bucket is. */
export const KpiBucketWidth = Type.Union([Type.Literal('minute'), Type.Literal('hour')]);
export type KpiBucketWidth = Type.Static<typeof KpiBucketWidth>;

/** One asset's figures in one bucket; counts are per bucket (per minute or per hour). */
export const AssetKpis = Type.Object({
  assetId: Type.String(),
  kind: Type.String(),
  /** Gate lanes: trucks arriving by direction, admitted and rejected, per bucket. */
  trucksIn: Count,
  trucksOut: Count,
  trucksAdmitted: Count,
  trucksRejected: Count,
  /** Quay and yard cranes: completed moves per bucket. */
  moves: Count,
  /** Scanners: completed scans and suspect verdicts per bucket. */
  scans: Count,
  suspectScans: Count,
  /** Mean and largest reported queueLength; null without samples. */
  queueAvg: Type.Union([Type.Number(), Type.Null()]),
  queueMax: Type.Union([Type.Number(), Type.Null()]),
  /** Share of telemetry samples reporting busy (0–1); null without samples. */
  utilisation: Share,
});
export type AssetKpis = Type.Static<typeof AssetKpis>;

/** The whole site in one bucket. */
export const SiteKpis = Type.Object({
  trucksIn: Count,
  trucksOut: Count,
  trucksAdmitted: Count,
  trucksRejected: Count,
  quayMoves: Count,
  yardMoves: Count,
  scans: Count,
  suspectScans: Count,
  /** suspectScans / scans; null without scans. */
  suspectRate: Share,
  /** Sum over gate lanes of their mean queue: trucks waiting at the gate on average. */
  gateQueue: Type.Number(),
  /** Mean utilisation of the scanners that reported busy. */
  scannerUtilisation: Share,
});
export type SiteKpis = Type.Static<typeof SiteKpis>;

export const KpiBucket = Type.Object({
  /** Start of the bucket, epoch ms (UTC minute or hour). */
  start: Type.Number(),
  assets: Type.Array(AssetKpis),
  site: SiteKpis,
});
export type KpiBucket = Type.Static<typeof KpiBucket>;
