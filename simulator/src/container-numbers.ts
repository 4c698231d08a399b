// ISO 6346 container numbers (owner code + category + serial + check digit), as a gate's
// OCR or a crane's spreader reader would report them.
import type { Random } from './random';

// Owner prefixes of carriers that call at South China terminals; the U is the equipment category.
const OWNER_CODES = ['MSKU', 'MSCU', 'COSU', 'CSNU', 'OOLU', 'CMAU', 'HLXU', 'EGHU', 'TGHU', 'YMLU', 'ONEU', 'TCNU'];

// ISO 6346 letter values run from A=10 but skip multiples of 11 (11, 22, 33).
const LETTER_VALUES: Record<string, number> = {};
{
  let value = 10;
  for (const letter of 'ABCDEFGHIJKLMNOPQRSTUVWXYZ') {
    if (value % 11 === 0) value++;
    LETTER_VALUES[letter] = value++;
  }
}

/** The ISO 6346 check digit of the first ten characters ("MSKU123456" → 5). */
export function containerCheckDigit(firstTen: string): number {
  if (!/^[A-Z]{4}\d{6}$/.test(firstTen)) {
    throw new Error(`simulator: "${firstTen}" is not an owner code, category and six-digit serial`);
  }
  let sum = 0;
  for (let i = 0; i < 10; i++) {
    const char = firstTen[i] as string;
    const value = /\d/.test(char) ? Number(char) : (LETTER_VALUES[char] as number);
    sum += value * 2 ** i;
  }
  return (sum % 11) % 10;
}

/** True when the number has the ISO 6346 shape and its check digit is right. */
export function isValidContainerNumber(number: string): boolean {
  return /^[A-Z]{4}\d{7}$/.test(number) && containerCheckDigit(number.slice(0, 10)) === Number(number[10]);
}

/** A random, valid container number. */
export function randomContainerNumber(random: Random): string {
  const firstTen = `${random.pick(OWNER_CODES)}${String(random.int(0, 999_999)).padStart(6, '0')}`;
  return `${firstTen}${containerCheckDigit(firstTen)}`;
}
