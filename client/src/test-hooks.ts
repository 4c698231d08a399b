// A small window hook the browser tests read, so they can wait for data without scraping the canvas.
import type { Alert, Forecast } from '@porttwin/contracts';
import { useAlertStore } from './store/alerts';
import { useAssetStore } from './store/assets';
import { useClearanceStore } from './store/clearance';

declare global {
  interface Window {
    __porttwin?: { assetCount(): number; lastAssetsAt(): number | null; forecast(): Forecast | null; openAlerts(): Alert[] };
  }
}

export function installTestHooks(): void {
  window.__porttwin = {
    assetCount: () => useAssetStore.getState().assets.size,
    lastAssetsAt: () => useAssetStore.getState().lastAssetsAt,
    forecast: () => useClearanceStore.getState().forecast,
    openAlerts: () => [...useAlertStore.getState().open.values()],
  };
}
