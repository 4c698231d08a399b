// A small window hook the browser tests read, so they can wait for data without scraping the canvas.
import type { Forecast } from '@porttwin/contracts';
import { useAssetStore } from './store/assets';
import { useClearanceStore } from './store/clearance';

declare global {
  interface Window {
    __porttwin?: { assetCount(): number; lastAssetsAt(): number | null; forecast(): Forecast | null };
  }
}

export function installTestHooks(): void {
  window.__porttwin = {
    assetCount: () => useAssetStore.getState().assets.size,
    lastAssetsAt: () => useAssetStore.getState().lastAssetsAt,
    forecast: () => useClearanceStore.getState().forecast,
  };
}
