// One gate lane of the border crossing: lane strip, booth and barrier (raised while laneOpen = 1),
// its queue shows on the gate's board (GateQueueBoard). The barrier moves from the store in the render loop.
import { useRef } from 'react';
import { useFrame } from '@react-three/fiber';
import { Group } from 'three';
import type { FixedAsset } from '@porttwin/contracts';
import { metricOf, useAssetStore } from '../store/assets';
import { AssetBadge } from '../overlays/AssetBadge';
import { approach, headingToYaw, toScene } from './site-frame';
import { useStatusPaint } from './use-status-paint';

export const LANE = { width: 5, length: 40 } as const;
const RAISED = Math.PI * 0.45;

export function GateLane({ asset }: { asset: FixedAsset }) {
  const paint = useStatusPaint(asset.id, '#e2e8f0');
  const arm = useRef<Group>(null);
  const angle = useRef(0);

  useFrame((_, dt) => {
    const open = metricOf(useAssetStore.getState().assets.get(asset.id), 'laneOpen', 0) === 1;
    angle.current = approach(angle.current, open ? RAISED : 0, 3, dt);
    if (arm.current) arm.current.rotation.z = angle.current;
  });

  const direction = asset.direction === 'out' ? '#60a5fa' : '#34d399';
  return (
    <group position={toScene(asset.position.x, asset.position.y)} rotation={[0, headingToYaw(asset.heading ?? 0), 0]}>
      {/* The lane's paint says its direction: green in, blue out. */}
      <mesh position={[0, 0.25, 0]}>
        <boxGeometry args={[LANE.width, 0.1, LANE.length]} />
        <meshLambertMaterial color="#2b3340" />
      </mesh>
      <mesh position={[0, 0.32, -LANE.length / 2 + 1]}>
        <boxGeometry args={[LANE.width, 0.05, 2]} />
        <meshBasicMaterial color={direction} />
      </mesh>
      {/* Booth on the driver's left, as at a Chinese road port: x is to the lane's right. */}
      <mesh position={[-LANE.width / 2 - 1.2, 1.6, 0]} material={paint.body}>
        <boxGeometry args={[2.2, 3.2, 3.2]} />
      </mesh>
      <mesh position={[-LANE.width / 2 - 1.2, 3.5, 0]} material={paint.lamp}>
        <boxGeometry args={[2.4, 0.6, 3.4]} />
      </mesh>
      <group ref={arm} position={[-LANE.width / 2 - 0.2, 1.2, -2.2]}>
        <mesh position={[LANE.width / 2, 0, 0]}>
          <boxGeometry args={[LANE.width, 0.35, 0.35]} />
          <meshBasicMaterial color="#ef4444" />
        </mesh>
      </group>
      <AssetBadge assetId={asset.id} height={16} />
    </group>
  );
}

/** One canopy over all the gate lanes, so the crossing reads as a building from afar. */
export function GateCanopy({ lanes }: { lanes: readonly FixedAsset[] }) {
  if (lanes.length === 0) return null;
  const xs = lanes.map((l) => l.position.x);
  const ys = lanes.map((l) => l.position.y);
  const minX = Math.min(...xs) - LANE.width;
  const maxX = Math.max(...xs) + LANE.width;
  const y = ys.reduce((a, b) => a + b, 0) / ys.length;
  return (
    <mesh position={[(minX + maxX) / 2, 8, -y]}>
      <boxGeometry args={[maxX - minX, 0.8, 14]} />
      <meshLambertMaterial color="#cbd5e1" transparent opacity={0.45} depthWrite={false} />
    </mesh>
  );
}
