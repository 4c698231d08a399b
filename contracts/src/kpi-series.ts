// KPI series per minute or per hour (GET /api/kpis), per asset and for the site.
import Type from 'typebox';

const Count = Type.Number({ minimum: 0 });
const Share = Type.Union([Type.Number({ minimum: 0, maximum: 1 }), Type.Null()]);

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
  queueAvg: Type.Union([Type.Number(), Type.Null()]),
  queueMax: Type.Union([Type.Number(), Type.Null()]),
  utilisation: Share,
});
export type AssetKpis = Type.Static<typeof AssetKpis>;

export const SiteKpis = Type.Object({
  trucksIn: Count,
  trucksOut: Count,
  trucksAdmitted: Count,
  trucksRejected: Count,
  quayMoves: Count,
  yardMoves: Count,
  scans: Count,
  suspectScans: Count,
  suspectRate: Share,
  gateQueue: Type.Number(),
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
