// Polyline geometry: length, the point and heading at a distance along a path, and the
// nearest point on a segment. Headings are degrees clockwise from north (x east, y north).
import type { Point } from '@porttwin/contracts';

export interface PathPose {
  x: number;
  y: number;
  /** Degrees clockwise from north, in [0, 360). */
  heading: number;
}

/** Euclidean distance between two points, metres. */
export function distance(a: Point, b: Point): number {
  return Math.hypot(b.x - a.x, b.y - a.y);
}

/** Heading from a towards b, degrees clockwise from north. */
export function headingBetween(a: Point, b: Point): number {
  const degrees = (Math.atan2(b.x - a.x, b.y - a.y) * 180) / Math.PI;
  return (degrees + 360) % 360;
}

/** A point moved `metres` along a heading (degrees clockwise from north). */
export function offsetAlong(point: Point, heading: number, metres: number): Point {
  const radians = (heading * Math.PI) / 180;
  return { x: point.x + Math.sin(radians) * metres, y: point.y + Math.cos(radians) * metres };
}

/** Total length of a polyline, metres. */
export function pathLength(points: readonly Point[]): number {
  let length = 0;
  for (let i = 1; i < points.length; i++) length += distance(points[i - 1] as Point, points[i] as Point);
  return length;
}

/**
 * Where one stands `along` metres down the polyline, clamped to its ends. The heading at
 * the far end is that of the last non-empty segment, so a parked truck keeps facing the
 * way it came.
 */
export function poseAlong(points: readonly Point[], along: number, fallbackHeading = 0): PathPose {
  const first = points[0];
  if (!first) throw new Error('simulator: poseAlong needs at least one point');
  let heading = fallbackHeading;
  let remaining = Math.max(0, along);
  for (let i = 1; i < points.length; i++) {
    const a = points[i - 1] as Point;
    const b = points[i] as Point;
    const length = distance(a, b);
    if (length === 0) continue;
    heading = headingBetween(a, b);
    if (remaining <= length) {
      const f = remaining / length;
      return { x: a.x + (b.x - a.x) * f, y: a.y + (b.y - a.y) * f, heading };
    }
    remaining -= length;
  }
  const last = points[points.length - 1] as Point;
  return { x: last.x, y: last.y, heading };
}

/** The point of segment ab nearest to p, and how far along ab it lies (0..1). */
export function nearestOnSegment(p: Point, a: Point, b: Point): { point: Point; t: number } {
  const dx = b.x - a.x;
  const dy = b.y - a.y;
  const lengthSquared = dx * dx + dy * dy;
  const t = lengthSquared === 0 ? 0 : Math.min(1, Math.max(0, ((p.x - a.x) * dx + (p.y - a.y) * dy) / lengthSquared));
  return { point: { x: a.x + dx * t, y: a.y + dy * t }, t };
}
