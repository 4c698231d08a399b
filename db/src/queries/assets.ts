// Reading the live state of assets.
import type { AssetState } from '@porttwin/contracts';
import type { Queryable } from '../database';

interface AssetRow {
  asset_id: string;
  site: string;
  kind: string;
  status: string | null;
  status_reason: string | null;
  status_at_ms: number | null;
  metrics: AssetState['metrics'];
  metrics_at_ms: number | null;
  last_seen_ms: number;
  updated_at_ms: number;
}

const SELECT_ASSETS = `
SELECT asset_id, site, kind, status, status_reason, metrics,
       extract(epoch FROM status_at) * 1000 AS status_at_ms,
       extract(epoch FROM metrics_at) * 1000 AS metrics_at_ms,
       extract(epoch FROM last_seen) * 1000 AS last_seen_ms,
       extract(epoch FROM updated_at) * 1000 AS updated_at_ms
FROM assets`;

export interface StoredAssetState extends AssetState {
  /** When the row last changed, epoch ms: the cursor for incremental reads. */
  updatedAt: number;
}

/** Live state of assets changed after updatedAfter (all when omitted), oldest change first. */
export async function listAssets(db: Queryable, updatedAfter?: number): Promise<StoredAssetState[]> {
  const { rows } =
    updatedAfter === undefined
      ? await db.query<AssetRow>(`${SELECT_ASSETS} ORDER BY asset_id`)
      : await db.query<AssetRow>(`${SELECT_ASSETS} WHERE updated_at > to_timestamp($1 / 1000.0) ORDER BY updated_at`, [updatedAfter]);
  return rows.map(toAssetState);
}

/** One asset's live state, or null when it has never been heard from. */
export async function getAsset(db: Queryable, assetId: string): Promise<StoredAssetState | null> {
  const { rows } = await db.query<AssetRow>(`${SELECT_ASSETS} WHERE asset_id = $1`, [assetId]);
  return rows[0] ? toAssetState(rows[0]) : null;
}

function toAssetState(row: AssetRow): StoredAssetState {
  return {
    id: row.asset_id,
    site: row.site,
    kind: row.kind,
    status: (row.status ?? 'unknown') as AssetState['status'],
    statusReason: row.status_reason,
    statusAt: row.status_at_ms === null ? null : Number(row.status_at_ms),
    metrics: row.metrics,
    metricsAt: row.metrics_at_ms === null ? null : Number(row.metrics_at_ms),
    lastSeen: Number(row.last_seen_ms),
    updatedAt: Number(row.updated_at_ms),
  };
}

/** Each asset the database holds, with the site and kind it was stored as (what a gateway pins it to). */
export async function listAssetIdentities(db: Queryable): Promise<{ assetId: string; site: string; kind: string }[]> {
  const { rows } = await db.query<{ assetId: string; site: string; kind: string }>('SELECT asset_id AS "assetId", site, kind FROM assets');
  return rows;
}
