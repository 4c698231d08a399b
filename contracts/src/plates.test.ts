import { describe, expect, it } from 'vitest';
import { isMaskedPlate, maskPlate, maskPlateField } from './plates';

describe('maskPlate', () => {
  it('keeps a Chinese plate’s province, city letter and the serial’s first and last characters', () => {
    expect(maskPlate('粤B12345')).toBe('粤B1***5');
    expect(maskPlate('湘A3K7Q9')).toBe('湘A3***9');
    // New-energy plates have six serial characters.
    expect(maskPlate('粤BD12345')).toBe('粤BD****5');
  });

  it('keeps less of a short plate, and hides at least one character of any', () => {
    expect(maskPlate('粤B123')).toBe('粤B***');
    expect(maskPlate('粤B1')).toBe('粤**');
    expect(maskPlate('粤')).toBe('*');
    expect(maskPlate('')).toBe('*');
  });

  it('keeps the first and last characters of a Latin plate', () => {
    expect(maskPlate('AB1234')).toBe('A****4');
    expect(maskPlate('MX1234')).toBe('M****4');
    expect(maskPlate('AB12')).toBe('A***');
    expect(maskPlate('AB')).toBe('**');
  });

  it('changes nothing when masking a masked plate', () => {
    for (const plate of ['粤B12345', '粤BD12345', '粤B123', '粤B1', '粤', '', 'AB1234', 'AB12', 'A']) {
      const masked = maskPlate(plate);
      expect({ plate, twice: maskPlate(masked) }).toEqual({ plate, twice: masked });
      expect({ plate, masked: isMaskedPlate(masked) }).toEqual({ plate, masked: true });
    }
    expect(isMaskedPlate('粤B12345')).toBe(false);
  });
});

describe('maskPlateField', () => {
  it('masks the plate of event data and leaves the rest', () => {
    expect(maskPlateField({ plate: '粤B12345', direction: 'in', containers: ['MSKU1234565'] })).toEqual({
      plate: '粤B1***5',
      direction: 'in',
      containers: ['MSKU1234565'],
    });
  });

  it('returns a record without a text plate as it is', () => {
    const metrics = { x: 1, y: 2 };
    expect(maskPlateField(metrics)).toBe(metrics);
    const odd = { plate: 12345 };
    expect(maskPlateField(odd)).toBe(odd);
  });
});
