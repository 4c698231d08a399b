// The mapping from site metres to the scene, and the easing the render loop uses.
import { describe, expect, it } from 'vitest';
import { approach, approachAngle, headingToYaw, siteExtent, toScene } from './site-frame';

describe('site frame', () => {
  it('puts north at -z and keeps east at +x', () => {
    expect(toScene(10, 20)).toEqual([10, 0, -20]);
    expect(toScene(0, 0, 5)[1]).toBe(5);
  });

  it('turns a north-facing model to face east for heading 90', () => {
    const yaw = headingToYaw(90);
    // Forward (0, 0, -1) rotated about +y by yaw is (-sin yaw, 0, -cos yaw).
    expect(-Math.sin(yaw)).toBeCloseTo(1);
    expect(-Math.cos(yaw)).toBeCloseTo(0);
  });

  it('finds the centre and size of the bounds', () => {
    expect(siteExtent({ bounds: { minX: -100, maxX: 700, minY: -260, maxY: 560 } })).toEqual({ centre: [300, 0, -150], size: 820 });
  });

  it('eases toward a target and turns the short way round', () => {
    expect(approach(0, 10, 1000, 1)).toBeCloseTo(10);
    expect(approach(0, 10, 1, 0)).toBe(0);
    const turned = approachAngle(3, -3, 1000, 1);
    expect(Math.cos(turned)).toBeCloseTo(Math.cos(-3));
    expect(turned).toBeGreaterThan(3); // across ±π, not back through zero
  });
});
