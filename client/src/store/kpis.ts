// The latest per-minute KPIs from the server.
import { create } from 'zustand';
import type { KpiSnapshot } from '@porttwin/contracts';

interface KpiStore {
  kpis: KpiSnapshot | null;
  setKpis: (kpis: KpiSnapshot | null) => void;
}

export const useKpiStore = create<KpiStore>((set) => ({
  kpis: null,
  setKpis: (kpis) => set({ kpis }),
}));
