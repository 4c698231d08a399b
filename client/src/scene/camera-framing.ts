// Where the camera stands by default: south of the site, looking north over the quay toward the gate.
import type { SiteLayout } from '@porttwin/contracts';
import { siteExtent, type Vec3 } from './site-frame';

export interface CameraFraming {
  position: Vec3;
  target: Vec3;
  /** Distance from target to camera, for the wall's slow orbit. */
  distance: number;
  /** Angle above the horizon, radians. */
  elevation: number;
}

/** A view of the whole site, from the sea, fitting its size into a vertical field of view `fovDeg`. */
export function defaultFraming(layout: Pick<SiteLayout, 'bounds'>, fovDeg: number, aspect: number): CameraFraming {
  const { centre, size } = siteExtent(layout);
  const elevation = (50 * Math.PI) / 180;
  const fov = (fovDeg * Math.PI) / 180;
  // A narrow screen needs to stand further back to keep the width in view.
  const widthFit = aspect < 1.3 ? 1.3 / aspect : 1;
  const distance = ((size * 0.56) / Math.tan(fov / 2)) * widthFit;
  const target: Vec3 = [centre[0], 0, centre[2] + size * 0.02];
  const position: Vec3 = [target[0], distance * Math.sin(elevation), target[2] + distance * Math.cos(elevation)];
  return { position, target, distance, elevation };
}
