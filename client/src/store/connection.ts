// The link to the server: connected or not, when we last heard from it, and whether what we show is live.
import { create } from 'zustand';
import { HEARTBEAT_INTERVAL_MS } from '@porttwin/contracts';

export type LinkState = 'LIVE' | 'STALE' | 'OFFLINE';

/** Data older than this is not live: no asset message for this long means the feed has stopped. */
export const STALE_DATA_MS = 30_000;

export interface LinkFacts {
  connected: boolean;
  /** Client clock (epoch ms) when the last heartbeat or snapshot arrived; null before any. */
  lastHeartbeatAt: number | null;
  /** Server clock (epoch ms) of the newest asset message we hold; null when we hold none. */
  newestAssetAt: number | null;
  /** Server clock minus client clock, learnt from heartbeats, so ages compare like with like. */
  serverOffsetMs: number;
}

export interface LinkStatus {
  state: LinkState;
  /** How old the data behind the state is, in ms; null when nothing was ever received. */
  ageMs: number | null;
  /** Client-clock time the shown data dates from; null when nothing was ever received. */
  asOf: number | null;
}

/**
 * LIVE needs a connection, a heartbeat younger than two intervals and (when there are assets) an
 * asset message younger than 30 s; anything less while connected is STALE; no connection is OFFLINE.
 */
export function deriveLinkStatus(facts: LinkFacts, now: number): LinkStatus {
  const heartbeatAge = facts.lastHeartbeatAt === null ? null : Math.max(0, now - facts.lastHeartbeatAt);
  const newestAssetClientAt = facts.newestAssetAt === null ? null : facts.newestAssetAt - facts.serverOffsetMs;
  const assetAge = newestAssetClientAt === null ? null : Math.max(0, now - newestAssetClientAt);

  // The oldest of the two clocks is what the screen can vouch for.
  const known = [facts.lastHeartbeatAt, newestAssetClientAt].filter((t): t is number => t !== null);
  const asOf = known.length === 0 ? null : Math.min(...known);
  const ageMs = asOf === null ? null : Math.max(0, now - asOf);

  if (!facts.connected) return { state: 'OFFLINE', ageMs, asOf };
  const heartbeatFresh = heartbeatAge !== null && heartbeatAge < 2 * HEARTBEAT_INTERVAL_MS;
  const assetsFresh = assetAge === null || assetAge < STALE_DATA_MS;
  return { state: heartbeatFresh && assetsFresh ? 'LIVE' : 'STALE', ageMs, asOf };
}

/** Whether an asset last heard from at `lastSeen` (server clock) is too old to be shown as current. */
export function isAssetStale(lastSeen: number, serverNow: number): boolean {
  return serverNow - lastSeen > STALE_DATA_MS;
}

interface ConnectionStore extends LinkFacts {
  ingestLagMs: number | null;
  setConnected: (connected: boolean) => void;
  /** A heartbeat (or the snapshot, which vouches for the link the same way) has arrived. */
  heard: (serverTime: number, receivedAt: number, ingestLagMs?: number | null) => void;
  sawAssetsAt: (newestAssetAt: number) => void;
  reset: () => void;
}

const initialFacts: LinkFacts & { ingestLagMs: number | null } = {
  connected: false,
  lastHeartbeatAt: null,
  newestAssetAt: null,
  serverOffsetMs: 0,
  ingestLagMs: null,
};

export const useConnectionStore = create<ConnectionStore>((set, get) => ({
  ...initialFacts,
  setConnected: (connected) => set({ connected }),
  heard: (serverTime, receivedAt, ingestLagMs) =>
    set({
      lastHeartbeatAt: receivedAt,
      serverOffsetMs: serverTime - receivedAt,
      ...(ingestLagMs !== undefined ? { ingestLagMs } : {}),
    }),
  sawAssetsAt: (newestAssetAt) => {
    const current = get().newestAssetAt;
    if (current === null || newestAssetAt > current) set({ newestAssetAt });
  },
  reset: () => set(initialFacts),
}));

/** The server's clock now, as best this client knows it. */
export function serverNow(): number {
  return Date.now() + useConnectionStore.getState().serverOffsetMs;
}
