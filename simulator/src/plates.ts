// Chinese mainland licence plates (粤B12345) for the trucks crossing the gate.
import type { Random } from './random';

// Most cross-border trucks at a Pearl River Delta port are from Guangdong; the rest from
// neighbouring provinces.
const PROVINCES: readonly (readonly [string, number])[] = [
  ['粤', 70],
  ['湘', 6],
  ['赣', 6],
  ['桂', 6],
  ['闽', 6],
  ['川', 3],
  ['鄂', 3],
];
// Plate letters leave out I and O, which read as 1 and 0.
const LETTERS = 'ABCDEFGHJKLMNPQRSTUVWXYZ';
const DIGITS = '0123456789';

/** A random plate: province, city letter, then five characters (mostly digits). */
export function randomPlate(random: Random): string {
  const city = random.pick([...'ABCDEFGHJKLMNPQRS']);
  let serial = '';
  const letterAt = random.chance(0.3) ? random.int(0, 4) : -1;
  for (let i = 0; i < 5; i++) serial += i === letterAt ? random.pick([...LETTERS]) : random.pick([...DIGITS]);
  return `${random.weighted(PROVINCES)}${city}${serial}`;
}

/** A plate not in use by any truck on site now. */
export function uniquePlate(random: Random, inUse: ReadonlySet<string>): string {
  for (;;) {
    const plate = randomPlate(random);
    if (!inUse.has(plate)) return plate;
  }
}
