// The yard fill is stable, inside the block and within its tiers.
import { describe, expect, it } from 'vitest';
import { stackBlock } from './container-stacks';

const block = { id: 'Y1', center: { x: 150, y: 120 }, length: 160, width: 32, bays: 20, rows: 6, tiers: 4 };

describe('stackBlock', () => {
  it('gives the same yard every time', () => {
    expect(stackBlock(block)).toEqual(stackBlock(block));
  });

  it('keeps every box inside the block and below its top tier', () => {
    const boxes = stackBlock(block);
    expect(boxes.length).toBeGreaterThan(100);
    expect(boxes.length).toBeLessThanOrEqual(20 * 6 * 4);
    for (const box of boxes) {
      expect(box.x).toBeGreaterThan(70);
      expect(box.x).toBeLessThan(230);
      expect(box.y).toBeGreaterThan(104);
      expect(box.y).toBeLessThan(136);
      expect(box.z).toBeLessThan(4 * 2.59);
    }
  });
});
