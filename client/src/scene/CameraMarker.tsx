// A video-analytics camera: a mast with a head, and a faint wedge showing where it looks.
import type { FixedAsset } from '@porttwin/contracts';
import { AssetBadge } from '../overlays/AssetBadge';
import { headingToYaw, toScene } from './site-frame';
import { useStatusPaint } from './use-status-paint';

const MAST = 14;

export function CameraMarker({ asset }: { asset: FixedAsset }) {
  const paint = useStatusPaint(asset.id, '#f8fafc');
  return (
    <group position={toScene(asset.position.x, asset.position.y)} rotation={[0, headingToYaw(asset.heading ?? 0), 0]}>
      <mesh position={[0, MAST / 2, 0]}>
        <boxGeometry args={[0.5, MAST, 0.5]} />
        <meshLambertMaterial color="#94a3b8" />
      </mesh>
      <mesh position={[0, MAST, -0.8]} material={paint.body}>
        <boxGeometry args={[1.4, 1.4, 2.6]} />
      </mesh>
      <mesh position={[0, MAST + 1.2, 0]} material={paint.lamp}>
        <boxGeometry args={[0.8, 0.6, 0.8]} />
      </mesh>
      {/* View wedge: a flat cone on the ground ahead of the mast. */}
      <mesh position={[0, 0.4, 0]} rotation={[-Math.PI / 2, 0, 0]}>
        <circleGeometry args={[40, 24, Math.PI / 2 - 0.45, 0.9]} />
        <meshBasicMaterial color="#e0f2fe" transparent opacity={0.16} depthWrite={false} />
      </mesh>
      <AssetBadge assetId={asset.id} height={MAST + 8} />
    </group>
  );
}
