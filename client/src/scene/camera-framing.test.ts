// The default view frames what is built, from the sea side.
import { describe, expect, it } from 'vitest';
import { closeUpFraming, contentBox, defaultFraming } from './camera-framing';

const layout = {
  site: 'demo-port',
  name: 'Demo',
  anchor: { lat: 0, lon: 0 },
  bounds: { minX: -100, maxX: 700, minY: -260, maxY: 560 },
  quay: { y: 0, x1: 0, x2: 600, apronDepth: 50 },
  berths: [],
  roads: [
    {
      id: 'gate-road',
      points: [
        { x: 290, y: 560 },
        { x: 290, y: 250 },
      ],
    },
  ],
  yardBlocks: [{ id: 'Y1', center: { x: 150, y: 120 }, length: 160, width: 32, bays: 20, rows: 6, tiers: 4 }],
  assets: [],
};

describe('camera framing', () => {
  it('boxes the quay, the berthed ships and the roads, inside the bounds', () => {
    expect(contentBox(layout)).toEqual({ minX: 0, maxX: 600, minY: -60, maxY: 560 });
  });

  it('stands south of the target (+z in the scene), above the ground', () => {
    const framing = defaultFraming(contentBox(layout), 40, 16 / 9);
    expect(framing.position[2]).toBeGreaterThan(framing.target[2]);
    expect(framing.position[1]).toBeGreaterThan(0);
    expect(framing.target[0]).toBe(300);
    expect(-framing.target[2]).toBeGreaterThan(-60);
    expect(-framing.target[2]).toBeLessThan(250); // aimed south of the middle, where the ships are
  });
});

describe('closeUpFraming', () => {
  it('stands at the given distance from the point, on the side the camera looks from now', () => {
    const point: [number, number, number] = [300, 0, -200];
    const { position, target } = closeUpFraming(point, [1000, 500, 0], [500, 0, 0], 200);
    expect(target).toEqual(point);
    expect(Math.hypot(position[0] - point[0], position[1] - point[1], position[2] - point[2])).toBeCloseTo(200);
    // The camera stood due east of its target; it still looks west.
    expect(position[0]).toBeGreaterThan(point[0]);
    expect(position[2]).toBeCloseTo(point[2]);
    expect(position[1]).toBeGreaterThan(0);
  });
});
