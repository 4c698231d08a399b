// A drive-through CT / X-ray scanner portal; its beam glows while busy = 1.
import { useMemo, useRef } from 'react';
import { useFrame } from '@react-three/fiber';
import { Mesh } from 'three';
import type { FixedAsset } from '@porttwin/contracts';
import { metricOf, useAssetStore } from '../store/assets';
import { AssetBadge } from '../overlays/AssetBadge';
import { mergeBoxes } from './merge-boxes';
import { headingToYaw, toScene } from './site-frame';
import { useStatusPaint } from './use-status-paint';

const SPAN = 7;
const HEIGHT = 7;

export function Scanner({ asset }: { asset: FixedAsset }) {
  const paint = useStatusPaint(asset.id, '#a78bfa');
  const portal = useMemo(
    () =>
      mergeBoxes([
        { size: [1.2, HEIGHT, 3], at: [-SPAN / 2, HEIGHT / 2, 0] },
        { size: [1.2, HEIGHT, 3], at: [SPAN / 2, HEIGHT / 2, 0] },
        { size: [SPAN + 1.2, 1.4, 3], at: [0, HEIGHT, 0] },
      ]),
    [],
  );
  const beam = useRef<Mesh>(null);
  useFrame(() => {
    if (beam.current) beam.current.visible = metricOf(useAssetStore.getState().assets.get(asset.id), 'busy', 0) >= 1;
  });
  return (
    <group position={toScene(asset.position.x, asset.position.y)} rotation={[0, headingToYaw(asset.heading ?? 0), 0]}>
      <mesh geometry={portal} material={paint.body} />
      <mesh position={[0, HEIGHT + 1, 0]} material={paint.lamp}>
        <boxGeometry args={[3, 0.8, 3.2]} />
      </mesh>
      <mesh ref={beam} position={[0, HEIGHT / 2, 0]} visible={false}>
        <boxGeometry args={[SPAN - 1, HEIGHT - 1, 0.3]} />
        <meshBasicMaterial color="#f472b6" transparent opacity={0.55} depthWrite={false} />
      </mesh>
      <AssetBadge assetId={asset.id} height={HEIGHT + 8} />
    </group>
  );
}
