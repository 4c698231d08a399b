// A small window hook the browser tests read, so they can wait for data without scraping the canvas.
import { useAssetStore } from './store/assets';

declare global {
  interface Window {
    __porttwin?: { assetCount(): number; lastAssetsAt(): number | null };
  }
}

export function installTestHooks(): void {
  window.__porttwin = {
    assetCount: () => useAssetStore.getState().assets.size,
    lastAssetsAt: () => useAssetStore.getState().lastAssetsAt,
  };
}
