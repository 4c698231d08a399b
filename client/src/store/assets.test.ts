// The asset index replaces structure only when structure changes, so React stays quiet under telemetry.
import { describe, expect, it } from 'vitest';
import type { AssetState } from '@porttwin/contracts';
import { applyAssetChanges, emptyAssetIndex, metricOf, newestLastSeen } from './assets';

function asset(id: string, kind: string, extra: Partial<AssetState> = {}): AssetState {
  return {
    id,
    site: 'demo-port',
    kind,
    status: 'online',
    statusReason: null,
    statusAt: null,
    metrics: {},
    metricsAt: null,
    lastSeen: 1000,
    ...extra,
  };
}

describe('applyAssetChanges', () => {
  it('indexes new assets by kind, sorted', () => {
    const index = applyAssetChanges(emptyAssetIndex, [asset('T2', 'truck'), asset('T1', 'truck'), asset('QC-01', 'qc')]);
    expect(index.idsByKind).toEqual({ truck: ['T1', 'T2'], qc: ['QC-01'] });
    expect(index.assets.size).toBe(3);
  });

  it('keeps the same id lists and statuses when only metrics change', () => {
    const first = applyAssetChanges(emptyAssetIndex, [asset('T1', 'truck')]);
    const second = applyAssetChanges(first, [asset('T1', 'truck', { metrics: { x: 5 }, lastSeen: 2000 })]);
    expect(second.idsByKind).toBe(first.idsByKind);
    expect(second.statuses).toBe(first.statuses);
    expect(second.assets).not.toBe(first.assets);
    expect(first.assets.get('T1')?.metrics).toEqual({});
  });

  it('replaces statuses when one changes', () => {
    const first = applyAssetChanges(emptyAssetIndex, [asset('QC-01', 'qc')]);
    const second = applyAssetChanges(first, [asset('QC-01', 'qc', { status: 'fault' })]);
    expect(second.statuses).not.toBe(first.statuses);
    expect(second.statuses.get('QC-01')).toBe('fault');
  });
});

describe('metricOf and newestLastSeen', () => {
  it('reads numbers and booleans, falls back otherwise', () => {
    const a = asset('G1', 'gate', { metrics: { queueLength: 4, laneOpen: true, label: 'x' } });
    expect(metricOf(a, 'queueLength', 0)).toBe(4);
    expect(metricOf(a, 'laneOpen', 0)).toBe(1);
    expect(metricOf(a, 'label', 7)).toBe(7);
    expect(metricOf(undefined, 'x', 3)).toBe(3);
  });

  it('finds the newest lastSeen', () => {
    expect(newestLastSeen([asset('a', 'gate', { lastSeen: 5 }), asset('b', 'gate', { lastSeen: 9 })])).toBe(9);
    expect(newestLastSeen([])).toBeNull();
  });
});
