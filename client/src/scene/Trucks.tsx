// Every truck as one instanced mesh; each frame writes matrices and colours from the trucks' x, y and
// heading in the store, easing between reports, without touching React.
import { useMemo, useRef } from 'react';
import { useFrame } from '@react-three/fiber';
import { Color, InstancedMesh, Object3D } from 'three';
import type { SiteLayout } from '@porttwin/contracts';
import { metricOf, useAssetIds, useAssetStore } from '../store/assets';
import { useSiteStore } from '../store/site';
import { serverNow } from '../store/connection';
import { hash } from './container-stacks';
import { mergeBoxes } from './merge-boxes';
import { approach, approachAngle, headingToYaw } from './site-frame';
import { STATUS_COLOURS, conditionOf } from './status-colours';

/** A truck gone quiet this long has most likely left the site; drawing it forever would fake a queue. */
const FORGET_AFTER_MS = 10 * 60_000;
/** Jumps longer than this are a new trip, not motion: snap instead of sliding across the yard. */
const SNAP_DISTANCE_M = 60;

/** Trucks' own colours avoid red and amber, which mean fault and stale here. */
const TRUCK_COLOURS = ['#f1f5f9', '#60a5fa', '#38bdf8', '#a78bfa', '#2dd4bf', '#f472b6', '#818cf8'] as const;

interface TruckPose {
  x: number;
  y: number;
  yaw: number;
}

/** Room for the current fleet, in powers of two so the mesh is rebuilt rarely as trucks arrive. */
function capacityFor(count: number): number {
  let capacity = 64;
  while (capacity < count) capacity *= 2;
  return capacity;
}

/**
 * Trucks are drawn larger than life, more so on a big site, so they still read from a wall
 * screen showing the whole port: 1.3× on a site up to ~900 m across, up to 2.5×.
 */
function truckScale(layout: SiteLayout | null): number {
  if (layout === null) return 1.3;
  const span = Math.max(layout.bounds.maxX - layout.bounds.minX, layout.bounds.maxY - layout.bounds.minY);
  return Math.min(2.5, Math.max(1.3, span / 700));
}

export function Trucks() {
  const ids = useAssetIds('truck');
  const scale = truckScale(useSiteStore((state) => state.layout));
  const capacity = capacityFor(ids.length);
  // Tractor and a loaded 40 ft trailer, facing north (-z), slightly larger than life to read from afar.
  const geometry = useMemo(
    () =>
      mergeBoxes([
        { size: [2.6, 3.2, 3.2], at: [0, 1.9, -7.4] },
        { size: [2.6, 1.0, 13], at: [0, 1.0, 1.5] },
        { size: [2.6, 2.7, 12.2], at: [0, 2.9, 1.5] },
      ]),
    [],
  );
  const mesh = useRef<InstancedMesh>(null);
  const poses = useRef(new Map<string, TruckPose>());
  const scratch = useMemo(() => ({ dummy: new Object3D(), colour: new Color() }), []);

  useFrame((_, dt) => {
    const target = mesh.current;
    if (target === null) return;
    const { assets, idsByKind } = useAssetStore.getState();
    const now = serverNow();
    let slot = 0;
    for (const id of idsByKind.truck ?? []) {
      const truck = assets.get(id);
      if (truck === undefined || truck.metrics.x === undefined || now - truck.lastSeen > FORGET_AFTER_MS) continue;
      if (slot >= target.instanceMatrix.count) break;
      const x = metricOf(truck, 'x', 0);
      const y = metricOf(truck, 'y', 0);
      const yaw = headingToYaw(metricOf(truck, 'heading', 0));
      let pose = poses.current.get(id);
      if (pose === undefined || Math.hypot(pose.x - x, pose.y - y) > SNAP_DISTANCE_M) {
        pose = { x, y, yaw };
        poses.current.set(id, pose);
      }
      pose.x = approach(pose.x, x, 5, dt);
      pose.y = approach(pose.y, y, 5, dt);
      pose.yaw = approachAngle(pose.yaw, yaw, 6, dt);
      scratch.dummy.position.set(pose.x, 0.2, -pose.y);
      scratch.dummy.rotation.set(0, pose.yaw, 0);
      scratch.dummy.scale.setScalar(scale);
      scratch.dummy.updateMatrix();
      target.setMatrixAt(slot, scratch.dummy.matrix);
      const condition = conditionOf(truck, now);
      const own = TRUCK_COLOURS[Math.floor(hash(id) * TRUCK_COLOURS.length)] ?? '#f1f5f9';
      target.setColorAt(slot, scratch.colour.set(condition === 'online' || condition === 'unknown' ? own : STATUS_COLOURS[condition]));
      slot += 1;
    }
    target.count = slot;
    // Forget the easing state of trucks that left, so the map does not grow for ever.
    if (poses.current.size > slot + 64) {
      for (const id of poses.current.keys()) {
        const truck = assets.get(id);
        if (truck === undefined || now - truck.lastSeen > FORGET_AFTER_MS) poses.current.delete(id);
      }
    }
    target.instanceMatrix.needsUpdate = true;
    if (target.instanceColor) target.instanceColor.needsUpdate = true;
  });

  return (
    <instancedMesh key={capacity} ref={mesh} args={[geometry, undefined, capacity]} frustumCulled={false}>
      <meshLambertMaterial />
    </instancedMesh>
  );
}
