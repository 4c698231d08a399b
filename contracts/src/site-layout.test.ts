import { describe, expect, it } from 'vitest';
import { checkSiteLayout } from './site-layout';

const minimal = {
  site: 'tiny',
  name: 'Tiny',
  anchor: { lat: 22.5, lon: 113.9 },
  bounds: { minX: 0, maxX: 100, minY: -50, maxY: 100 },
  quay: { y: 0, x1: 0, x2: 100, apronDepth: 30 },
  berths: [{ id: 'B1', x1: 0, x2: 100 }],
  yardBlocks: [],
  roads: [],
  assets: [{ id: 'QC-01', kind: 'qc', name: 'QC 1', position: { x: 50, y: 10 }, berth: 'B1' }],
};

describe('site layout check', () => {
  it('accepts a minimal layout', () => {
    expect(checkSiteLayout(minimal).ok).toBe(true);
  });

  it('names the field that is wrong', () => {
    const broken = { ...minimal, assets: [{ ...minimal.assets[0], position: { x: 'fifty', y: 10 } }] };
    const result = checkSiteLayout(broken);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.errors.join('\n')).toMatch(/assets\.0\.position\.x/);
  });

  it('names an asset that refers to a berth that does not exist', () => {
    const broken = { ...minimal, assets: [{ ...minimal.assets[0], berth: 'B9' }] };
    expect(checkSiteLayout(broken)).toEqual({ ok: false, errors: ['assets.0.berth: no berth "B9"'] });
  });

  it('names an id used twice', () => {
    const broken = { ...minimal, assets: [minimal.assets[0], minimal.assets[0]] };
    expect(checkSiteLayout(broken)).toEqual({ ok: false, errors: ['assets.1.id: "QC-01" is used twice'] });
  });
});
