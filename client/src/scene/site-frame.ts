// From the site's frame (metres, x east, y north) to three.js (x east, y up, z south), ground at y = 0.
import type { SiteLayout } from '@porttwin/contracts';

export type Vec3 = [number, number, number];

/** A site point at height `up` metres, in scene coordinates. */
export function toScene(x: number, y: number, up = 0): Vec3 {
  return [x, up, -y];
}

/**
 * The scene's rotation about its up axis for a heading in degrees clockwise from north.
 * Models are built facing north, which is -z in the scene.
 */
export function headingToYaw(headingDeg: number): number {
  return (-headingDeg * Math.PI) / 180;
}

export interface SiteExtent {
  centre: Vec3;
  /** The longer side of the bounds, metres. */
  size: number;
}

/** The middle of the site's bounds and how big it is, to frame the camera and size the sea. */
export function siteExtent(layout: Pick<SiteLayout, 'bounds'>): SiteExtent {
  const { minX, maxX, minY, maxY } = layout.bounds;
  return { centre: toScene((minX + maxX) / 2, (minY + maxY) / 2), size: Math.max(maxX - minX, maxY - minY) };
}

/** Eases `current` toward `target`, frame-rate independent; `rate` is 1/seconds. */
export function approach(current: number, target: number, rate: number, dt: number): number {
  return current + (target - current) * (1 - Math.exp(-rate * dt));
}

/** Eases an angle (radians) toward another the short way round. */
export function approachAngle(current: number, target: number, rate: number, dt: number): number {
  let delta = (target - current) % (2 * Math.PI);
  if (delta > Math.PI) delta -= 2 * Math.PI;
  if (delta < -Math.PI) delta += 2 * Math.PI;
  return current + delta * (1 - Math.exp(-rate * dt));
}
