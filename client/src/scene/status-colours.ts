// Colours that say an asset's state from across the room: fault red, offline dark grey, stale amber.
import type { AssetState } from '@porttwin/contracts';
import { isAssetStale } from '../store/connection';

export const STATUS_COLOURS = {
  online: '#22c55e',
  fault: '#ef4444',
  offline: '#4b5563',
  maintenance: '#a855f7',
  stale: '#f59e0b',
  unknown: '#6b7280',
} as const;

export type Condition = keyof typeof STATUS_COLOURS;

/**
 * What to paint an asset as. Offline and fault are known states and win; otherwise silence for over
 * 30 s is amber, because an old "online" must not look current. No state at all is unknown.
 */
export function conditionOf(asset: AssetState | undefined, serverNow: number): Condition {
  if (asset === undefined) return 'unknown';
  if (asset.status === 'offline') return 'offline';
  if (asset.status === 'fault') return 'fault';
  if (isAssetStale(asset.lastSeen, serverNow)) return 'stale';
  if (asset.status === 'maintenance') return 'maintenance';
  return asset.status === 'online' ? 'online' : 'unknown';
}

/** The body colour of an asset: its own colour when all is well, the condition's colour otherwise. */
export function bodyColour(condition: Condition, healthy: string): string {
  return condition === 'online' ? healthy : STATUS_COLOURS[condition];
}
