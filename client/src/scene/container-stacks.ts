// Where the boxes stand in the yard: a steady, believable fill of each block, the same on every screen.
import type { YardBlock } from '@porttwin/contracts';

/** Colours of the big carriers' boxes: what a yard looks like from the air. */
export const CONTAINER_COLOURS = [
  '#1d4ed8',
  '#f97316',
  '#0ea5e9',
  '#16a34a',
  '#dc2626',
  '#eab308',
  '#e5e7eb',
  '#7c3aed',
  '#0f766e',
  '#be185d',
] as const;

export const CONTAINER_SIZE = { length: 6.06, width: 2.44, height: 2.59 } as const;

export interface StackedContainer {
  /** Centre of the box in the site frame, height above ground in metres. */
  x: number;
  y: number;
  z: number;
  colour: string;
}

/** A small deterministic hash, so every screen shows the same yard without storing it. */
export function hash(text: string): number {
  let h = 2166136261;
  for (let i = 0; i < text.length; i += 1) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return (h >>> 0) / 4294967296;
}

/** Fills a block about three quarters full, leaving the west-end bays empty as a working area. */
export function stackBlock(block: YardBlock): StackedContainer[] {
  const boxes: StackedContainer[] = [];
  const bayPitch = block.length / block.bays;
  // Rows spread evenly across the block's width, where the yard cranes' trolleys stop (the simulator's rows).
  const rowPitch = block.width / block.rows;
  const north = block.center.y + block.width / 2;
  const west = block.center.x - block.length / 2;
  for (let bay = 0; bay < block.bays; bay += 1) {
    for (let row = 0; row < block.rows; row += 1) {
      const r = hash(`${block.id}:${bay}:${row}`);
      const height = bay < 2 ? 0 : Math.min(block.tiers, Math.floor(r * (block.tiers + 1.6)));
      for (let tier = 0; tier < height; tier += 1) {
        const colour = CONTAINER_COLOURS[Math.floor(hash(`${block.id}:${bay}:${row}:${tier}`) * CONTAINER_COLOURS.length)] ?? '#e5e7eb';
        boxes.push({
          x: west + (bay + 0.5) * bayPitch,
          y: north - (row + 0.5) * rowPitch,
          z: (tier + 0.5) * CONTAINER_SIZE.height,
          colour,
        });
      }
    }
  }
  return boxes;
}
