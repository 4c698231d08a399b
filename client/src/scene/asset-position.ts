// Where an asset stands, in the site's frame: a fixed device where the layout puts it, a truck or
// a vessel where it last reported itself; null for an asset with no place (a site-wide alert).
import type { AssetState, SiteLayout } from '@porttwin/contracts';

export function assetPosition(layout: SiteLayout, assetId: string, live: ReadonlyMap<string, AssetState>): { x: number; y: number } | null {
  const fixed = layout.assets.find((asset) => asset.id === assetId);
  if (fixed) return fixed.position;
  const metrics = live.get(assetId)?.metrics;
  const x = metrics?.['x'];
  const y = metrics?.['y'];
  return typeof x === 'number' && typeof y === 'number' ? { x, y } : null;
}
