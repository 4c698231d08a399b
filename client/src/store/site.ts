// The site layout the scene is built from; it arrives with the snapshot and rarely changes.
import { create } from 'zustand';
import type { SiteLayout } from '@porttwin/contracts';

interface SiteStore {
  layout: SiteLayout | null;
  setLayout: (layout: SiteLayout) => void;
}

export const useSiteStore = create<SiteStore>((set, get) => ({
  layout: null,
  // The snapshot is resent on every reconnect; keep the same object when nothing changed so the scene is not rebuilt.
  setLayout: (layout) => {
    const current = get().layout;
    if (current !== null && JSON.stringify(current) === JSON.stringify(layout)) return;
    set({ layout });
  },
}));
