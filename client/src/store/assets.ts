// Live state of every asset. The 3D loop reads `getState()` each frame; React subscribes only to
// structure (which ids exist per kind, which statuses are raised), so 10 Hz telemetry re-renders nothing.
import { create } from 'zustand';
import type { AssetState, AssetStatus } from '@porttwin/contracts';

export interface AssetIndex {
  assets: ReadonlyMap<string, AssetState>;
  /** Ids per kind, sorted; replaced only when an asset appears, never for new metrics. */
  idsByKind: Readonly<Record<string, readonly string[]>>;
  /** Status per id; replaced only when some status changes. */
  statuses: ReadonlyMap<string, AssetStatus>;
}

export const emptyAssetIndex: AssetIndex = { assets: new Map(), idsByKind: {}, statuses: new Map() };

/** Merges changed assets into the index; Maps are replaced, and structure only when it changed. */
export function applyAssetChanges(previous: AssetIndex, changes: readonly AssetState[]): AssetIndex {
  if (changes.length === 0) return previous;
  const assets = new Map(previous.assets);
  let membershipChanged = false;
  let statusChanged = false;
  for (const change of changes) {
    const before = assets.get(change.id);
    if (before === undefined || before.kind !== change.kind) membershipChanged = true;
    if (before?.status !== change.status) statusChanged = true;
    assets.set(change.id, change);
  }
  let idsByKind = previous.idsByKind;
  if (membershipChanged) {
    const rebuilt: Record<string, string[]> = {};
    for (const asset of assets.values()) (rebuilt[asset.kind] ??= []).push(asset.id);
    for (const ids of Object.values(rebuilt)) ids.sort();
    idsByKind = rebuilt;
  }
  let statuses = previous.statuses;
  if (statusChanged) statuses = new Map([...assets.values()].map((asset) => [asset.id, asset.status]));
  return { assets, idsByKind, statuses };
}

/** The newest `lastSeen` among the given assets (server clock), or null for none. */
export function newestLastSeen(assets: Iterable<AssetState>): number | null {
  let newest: number | null = null;
  for (const asset of assets) if (newest === null || asset.lastSeen > newest) newest = asset.lastSeen;
  return newest;
}

interface AssetStore extends AssetIndex {
  /** Client clock when the last asset message arrived, for tests and the status line. */
  lastAssetsAt: number | null;
  replaceAll: (assets: readonly AssetState[], receivedAt: number) => void;
  applyChanges: (changes: readonly AssetState[], receivedAt: number) => void;
  clear: () => void;
}

export const useAssetStore = create<AssetStore>((set, get) => ({
  ...emptyAssetIndex,
  lastAssetsAt: null,
  replaceAll: (assets, receivedAt) =>
    set({ ...applyAssetChanges(emptyAssetIndex, assets), lastAssetsAt: assets.length > 0 ? receivedAt : get().lastAssetsAt }),
  applyChanges: (changes, receivedAt) => set({ ...applyAssetChanges(get(), changes), lastAssetsAt: receivedAt }),
  clear: () => set({ ...emptyAssetIndex, lastAssetsAt: null }),
}));

const noIds: readonly string[] = [];

/** Ids of one kind; re-renders the caller only when that list is replaced. */
export function useAssetIds(kind: string): readonly string[] {
  return useAssetStore((s) => s.idsByKind[kind] ?? noIds);
}

/** A numeric metric of an asset, or the fallback when absent or not a number. */
export function metricOf(asset: AssetState | undefined, name: string, fallback: number): number {
  const value = asset?.metrics[name];
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (typeof value === 'boolean') return value ? 1 : 0;
  return fallback;
}
