// One ticking clock for the whole page, so ages and the top-bar time advance without per-widget timers.
import { create } from 'zustand';
import { deriveLinkStatus, useConnectionStore, type LinkStatus } from './connection';

interface ClockStore {
  now: number;
}

export const useClockStore = create<ClockStore>(() => ({ now: Date.now() }));

let timer: number | null = null;

/** Starts the 1 s tick (idempotent); the console calls it once on mount. */
export function startClock(): () => void {
  if (timer === null) timer = window.setInterval(() => useClockStore.setState({ now: Date.now() }), 1_000);
  return () => {
    if (timer !== null) window.clearInterval(timer);
    timer = null;
  };
}

/** LIVE / STALE / OFFLINE as of the last tick; re-renders at most once a second, or when the link changes. */
export function useLinkStatus(): LinkStatus {
  const now = useClockStore((s) => s.now);
  const connected = useConnectionStore((s) => s.connected);
  const lastHeartbeatAt = useConnectionStore((s) => s.lastHeartbeatAt);
  const newestAssetAt = useConnectionStore((s) => s.newestAssetAt);
  const serverOffsetMs = useConnectionStore((s) => s.serverOffsetMs);
  return deriveLinkStatus({ connected, lastHeartbeatAt, newestAssetAt, serverOffsetMs }, now);
}
