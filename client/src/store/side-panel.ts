// Which view the laptop's side panel shows. A store, not component state, so a click elsewhere
// (the bottleneck in the scene, a journey's link) can open the panel that explains it.
import { create } from 'zustand';

export const SIDE_TABS = ['flow', 'clearance', 'forecast', 'journeys', 'alerts'] as const;
export type SideTab = (typeof SIDE_TABS)[number];

interface SidePanelStore {
  tab: SideTab;
  show: (tab: SideTab) => void;
}

export const useSidePanelStore = create<SidePanelStore>((set) => ({
  tab: 'flow',
  show: (tab) => set({ tab }),
}));
