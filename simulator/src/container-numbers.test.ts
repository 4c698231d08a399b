// ISO 6346 check digits, against published examples.
import { describe, expect, it } from 'vitest';
import { containerCheckDigit, isValidContainerNumber, randomContainerNumber } from './container-numbers';
import { randomPlate } from './plates';
import { Random } from './random';

describe('container numbers', () => {
  it('computes the ISO 6346 check digit', () => {
    expect(containerCheckDigit('CSQU305438')).toBe(3);
    expect(containerCheckDigit('MSKU123456')).toBe(5);
    expect(isValidContainerNumber('CSQU3054383')).toBe(true);
    expect(isValidContainerNumber('CSQU3054384')).toBe(false);
  });

  it('generates only valid numbers', () => {
    const random = new Random(5);
    for (let i = 0; i < 500; i++) expect(isValidContainerNumber(randomContainerNumber(random))).toBe(true);
  });
});

describe('plates', () => {
  it('look like mainland plates: province, city letter, five characters without I or O', () => {
    const random = new Random(5);
    for (let i = 0; i < 200; i++) expect(randomPlate(random)).toMatch(/^[\u4e00-\u9fff][A-HJ-NP-Z][A-HJ-NP-Z0-9]{5}$/);
  });
});
