// Where the camera stands by default: south of the site, over the sea, looking north across the quay
// toward the gate, close enough that the built-up part of the site fills the screen.
import type { SiteLayout } from '@porttwin/contracts';
import type { Vec3 } from './site-frame';

export interface CameraFraming {
  position: Vec3;
  target: Vec3;
  /** Distance from target to camera, for the wall's slow orbit. */
  distance: number;
  /** Angle above the horizon, radians. */
  elevation: number;
  /** Angle east of due south the camera stands at, radians. */
  azimuth: number;
}

/** A little east of south, so cranes and stacks show their sides and read as 3D. */
const AZIMUTH = (12 * Math.PI) / 180;

export interface ContentBox {
  minX: number;
  maxX: number;
  minY: number;
  maxY: number;
}

/** The part of the site with something on it (quay, berthed ships, yard, roads, devices), not the empty bounds. */
export function contentBox(layout: SiteLayout): ContentBox {
  const xs: number[] = [layout.quay.x1, layout.quay.x2];
  const ys: number[] = [layout.quay.y - 60, layout.quay.y + layout.quay.apronDepth]; // ships lie ~60 m off the wall
  for (const b of layout.yardBlocks) {
    xs.push(b.center.x - b.length / 2, b.center.x + b.length / 2);
    ys.push(b.center.y - b.width / 2, b.center.y + b.width / 2);
  }
  for (const r of layout.roads) for (const p of r.points) (xs.push(p.x), ys.push(p.y));
  for (const a of layout.assets) (xs.push(a.position.x), ys.push(a.position.y));
  const { bounds } = layout;
  const clampX = (x: number) => Math.min(bounds.maxX, Math.max(bounds.minX, x));
  const clampY = (y: number) => Math.min(bounds.maxY, Math.max(bounds.minY, y));
  return { minX: clampX(Math.min(...xs)), maxX: clampX(Math.max(...xs)), minY: clampY(Math.min(...ys)), maxY: clampY(Math.max(...ys)) };
}

/** A view of the whole content box from the sea, fitting it into a vertical field of view `fovDeg`. */
export function defaultFraming(box: ContentBox, fovDeg: number, aspect: number): CameraFraming {
  const elevation = (48 * Math.PI) / 180;
  const fov = (fovDeg * Math.PI) / 180;
  const width = box.maxX - box.minX;
  const depth = box.maxY - box.minY;
  // Seen at this elevation the depth is foreshortened; fit whichever of width and depth needs more room.
  const needHeight = Math.max(depth * Math.sin(elevation) * 1.1, (width * 1.05) / Math.max(0.5, aspect));
  const distance = needHeight / 2 / Math.tan(fov / 2) + depth * Math.cos(elevation) * 0.5;
  // Aim south of the middle: perspective makes the near (sea) side loom, so it needs the room.
  const target: Vec3 = [(box.minX + box.maxX) / 2, 0, -(box.minY + depth * 0.42)];
  const ground = distance * Math.cos(elevation);
  const position: Vec3 = [target[0] + ground * Math.sin(AZIMUTH), distance * Math.sin(elevation), target[2] + ground * Math.cos(AZIMUTH)];
  return { position, target, distance, elevation, azimuth: AZIMUTH };
}

/** How far the camera stands from an asset it flies to, metres: a crane or a lane fills a good part of the view. */
export const CLOSE_UP_DISTANCE_M = 280;
const CLOSE_UP_ELEVATION = (40 * Math.PI) / 180;

/**
 * A close view of one point, from the side the camera looks from now (so the flight turns the
 * view as little as it can), at a fixed distance and elevation.
 */
export function closeUpFraming(point: Vec3, camera: Vec3, target: Vec3, distance = CLOSE_UP_DISTANCE_M): { position: Vec3; target: Vec3 } {
  const dx = camera[0] - target[0];
  const dz = camera[2] - target[2];
  const azimuth = dx === 0 && dz === 0 ? AZIMUTH : Math.atan2(dx, dz);
  const ground = distance * Math.cos(CLOSE_UP_ELEVATION);
  return {
    position: [
      point[0] + ground * Math.sin(azimuth),
      point[1] + distance * Math.sin(CLOSE_UP_ELEVATION),
      point[2] + ground * Math.cos(azimuth),
    ],
    target: point,
  };
}
