// Open alerts (issue 10) as the snapshot and the `alert` pushes give them, and the one a person
// selected. The scene reads only what changes rarely: the selected alert's asset and the camera
// detections, each replaced only when it really changes, so a repeat count ticking up or a step
// ticked re-renders the list, never the 3D scene.
import { create } from 'zustand';
import type { Alert, AlertSeverity } from '@porttwin/contracts';

export const SEVERITY_RANK: Record<AlertSeverity, number> = { critical: 0, major: 1, minor: 2, info: 3 };

/** A camera's detection that an open alert stands for: what the scene marks on the camera. */
export interface CameraDetection {
  alertId: number;
  cameraId: string;
  label: string;
  severity: AlertSeverity;
}

/** The alert a person picked, with its asset, so the camera still knows where to look once it is resolved. */
export interface SelectedAlert {
  id: number;
  assetId: string;
}

export interface OpenAlerts {
  open: ReadonlyMap<number, Alert>;
  detections: readonly CameraDetection[];
  /** The newest `updatedAt` seen (server clock): a reconnecting console asks for what changed since. */
  newestUpdateAt: number | null;
}

export const noOpenAlerts: OpenAlerts = { open: new Map(), detections: [], newestUpdateAt: null };

/** Open alerts in the order a supervisor works them: most severe first, then the oldest. */
export function byUrgency(alerts: Iterable<Alert>): Alert[] {
  return [...alerts].sort((a, b) => SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] || a.raisedAt - b.raisedAt || a.id - b.id);
}

function detectionsOf(open: ReadonlyMap<number, Alert>): CameraDetection[] {
  const found: CameraDetection[] = [];
  for (const alert of open.values()) {
    const label = alert.detail['label'];
    if (alert.detail['eventType'] === 'detection' && typeof label === 'string')
      found.push({ alertId: alert.id, cameraId: alert.assetId, label, severity: alert.severity });
  }
  return found.sort((a, b) => a.alertId - b.alertId);
}

const sameDetections = (a: readonly CameraDetection[], b: readonly CameraDetection[]) =>
  a.length === b.length &&
  a.every(
    (d, i) => d.alertId === b[i]!.alertId && d.label === b[i]!.label && d.severity === b[i]!.severity && d.cameraId === b[i]!.cameraId,
  );

/**
 * Merges pushed alerts into the open set: a newer version replaces an older one, an older one
 * arriving late is ignored, a resolved one leaves. The Map is replaced, never mutated, and the
 * detections only when they differ.
 */
export function applyAlerts(previous: OpenAlerts, changes: readonly Alert[]): OpenAlerts {
  const open = new Map(previous.open);
  let newestUpdateAt = previous.newestUpdateAt;
  for (const alert of changes) {
    if (newestUpdateAt === null || alert.updatedAt > newestUpdateAt) newestUpdateAt = alert.updatedAt;
    const held = open.get(alert.id);
    if (held !== undefined && held.updatedAt > alert.updatedAt) continue;
    if (alert.state === 'resolved') open.delete(alert.id);
    else open.set(alert.id, alert);
  }
  const detections = detectionsOf(open);
  return { open, newestUpdateAt, detections: sameDetections(detections, previous.detections) ? previous.detections : detections };
}

interface AlertStore extends OpenAlerts {
  selected: SelectedAlert | null;
  /** The snapshot: every open alert, and those changed while we were away. */
  replaceAll: (alerts: readonly Alert[]) => void;
  apply: (alert: Alert) => void;
  select: (alert: SelectedAlert | null) => void;
}

export const useAlertStore = create<AlertStore>((set, get) => ({
  ...noOpenAlerts,
  selected: null,
  replaceAll: (alerts) => {
    const { detections, newestUpdateAt } = get();
    set(applyAlerts({ open: new Map(), detections, newestUpdateAt }, alerts));
  },
  apply: (alert) => set(applyAlerts(get(), [alert])),
  select: (selected) => {
    const current = get().selected;
    if (current?.id === selected?.id) return;
    set({ selected });
  },
}));

/** The asset of the selected alert, for the scene: re-renders only when the selection changes. */
export function useSelectedAlertAsset(): string | null {
  return useAlertStore((s) => s.selected?.assetId ?? null);
}
