// Open alerts follow the pushes: newest version wins, resolved ones leave, and the scene's
// detections are replaced only when they change.
import { describe, expect, it } from 'vitest';
import type { Alert } from '@porttwin/contracts';
import { applyAlerts, byUrgency, noOpenAlerts } from './alerts';

function alert(id: number, extra: Partial<Alert> = {}): Alert {
  return {
    id,
    rule: 'smoke-or-fire',
    type: 'fire',
    title: 'Smoke or fire seen by a camera',
    assetId: 'CAM-06',
    severity: 'critical',
    state: 'raised',
    raisedAt: 1_000,
    lastRaisedAt: 1_000,
    count: 1,
    acknowledgedBy: null,
    acknowledgedAt: null,
    assignedTo: null,
    escalatedAt: null,
    resolvedBy: null,
    resolvedAt: null,
    resolveNote: null,
    detail: { eventType: 'detection', label: 'smoke', zone: 'block-A' },
    steps: [],
    updatedAt: 1_000,
    ...extra,
  };
}

describe('applyAlerts', () => {
  it('keeps the newest version of an alert and ignores one arriving late', () => {
    const first = applyAlerts(noOpenAlerts, [alert(1, { count: 3, updatedAt: 3_000 })]);
    const late = applyAlerts(first, [alert(1, { count: 2, updatedAt: 2_000 })]);
    expect(late.open.get(1)?.count).toBe(3);
    expect(late.newestUpdateAt).toBe(3_000);
  });

  it('drops an alert once it is resolved', () => {
    const first = applyAlerts(noOpenAlerts, [alert(1)]);
    const resolved = applyAlerts(first, [alert(1, { state: 'resolved', updatedAt: 2_000 })]);
    expect(resolved.open.size).toBe(0);
    expect(first.open.size).toBe(1);
  });

  it('marks detections on their camera and keeps the same list when only the count changes', () => {
    const first = applyAlerts(noOpenAlerts, [alert(1), alert(2, { assetId: 'QC-01', detail: { code: 'E7' }, severity: 'major' })]);
    expect(first.detections).toEqual([{ alertId: 1, cameraId: 'CAM-06', label: 'smoke', severity: 'critical' }]);
    const repeated = applyAlerts(first, [alert(1, { count: 2, updatedAt: 2_000, detail: { eventType: 'detection', label: 'smoke' } })]);
    expect(repeated.detections).toBe(first.detections);
    const fire = applyAlerts(repeated, [alert(1, { updatedAt: 3_000, detail: { eventType: 'detection', label: 'fire' } })]);
    expect(fire.detections).not.toBe(first.detections);
    expect(fire.detections[0]?.label).toBe('fire');
  });
});

describe('byUrgency', () => {
  it('puts the most severe first, then the oldest', () => {
    const sorted = byUrgency([
      alert(1, { severity: 'minor', raisedAt: 1 }),
      alert(2, { severity: 'critical', raisedAt: 50 }),
      alert(3, { severity: 'critical', raisedAt: 10 }),
      alert(4, { severity: 'major', raisedAt: 5 }),
    ]);
    expect(sorted.map((a) => a.id)).toEqual([3, 2, 4, 1]);
  });
});
