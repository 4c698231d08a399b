// The latest clearance time by stage (last hour) and its bottleneck, and the next hour's gate
// forecast, as the server pushes them once a minute.
import { create } from 'zustand';
import type { ClearanceReport, Forecast } from '@porttwin/contracts';

interface ClearanceStore {
  clearance: ClearanceReport | null;
  forecast: Forecast | null;
  setClearance: (clearance: ClearanceReport | null) => void;
  setForecast: (forecast: Forecast | null) => void;
}

export const useClearanceStore = create<ClearanceStore>((set) => ({
  clearance: null,
  forecast: null,
  setClearance: (clearance) => set({ clearance }),
  setForecast: (forecast) => set({ forecast }),
}));
