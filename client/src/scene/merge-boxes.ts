// Builds one geometry from many boxes, so a crane's steelwork is one draw call instead of twenty.
import { BoxGeometry, BufferGeometry, Euler, Matrix4, Quaternion, Vector3 } from 'three';
import { mergeGeometries } from 'three/examples/jsm/utils/BufferGeometryUtils.js';

export interface BoxPart {
  /** Width (x), height (y), depth (z) in metres. */
  size: [number, number, number];
  /** Centre of the box. */
  at: [number, number, number];
  /** Euler rotation in radians, applied about the box's centre. */
  rotation?: [number, number, number];
}

/** Merges boxes into one indexed geometry in the parent's frame. */
export function mergeBoxes(parts: readonly BoxPart[]): BufferGeometry {
  const geometries = parts.map((part) => {
    const box = new BoxGeometry(...part.size);
    const rotation = new Quaternion().setFromEuler(new Euler(...(part.rotation ?? [0, 0, 0])));
    box.applyMatrix4(new Matrix4().compose(new Vector3(...part.at), rotation, new Vector3(1, 1, 1)));
    return box;
  });
  const merged = mergeGeometries(geometries, false);
  geometries.forEach((g) => g.dispose());
  if (merged === null) throw new Error(`client: could not merge ${parts.length} boxes`);
  return merged;
}

/** A straight member from `a` to `b` with a square section, e.g. a crane's sloping stay. */
export function strut(a: [number, number, number], b: [number, number, number], thickness: number): BoxPart {
  const from = new Vector3(...a);
  const to = new Vector3(...b);
  const length = from.distanceTo(to);
  const direction = to.clone().sub(from).normalize();
  const rotation = new Euler().setFromQuaternion(new Quaternion().setFromUnitVectors(new Vector3(0, 1, 0), direction));
  const mid = from.add(to).multiplyScalar(0.5);
  return { size: [thickness, length, thickness], at: [mid.x, mid.y, mid.z], rotation: [rotation.x, rotation.y, rotation.z] };
}
