// A radiation portal monitor: two detector pillars either side of the lane.
import { useMemo } from 'react';
import type { FixedAsset } from '@porttwin/contracts';
import { AssetBadge } from '../overlays/AssetBadge';
import { mergeBoxes } from './merge-boxes';
import { headingToYaw, toScene } from './site-frame';
import { useStatusPaint } from './use-status-paint';

const GAP = 5.5;

export function RadiationPortal({ asset }: { asset: FixedAsset }) {
  const paint = useStatusPaint(asset.id, '#fde047');
  const pillars = useMemo(
    () =>
      mergeBoxes([
        { size: [0.8, 5, 1.2], at: [-GAP / 2, 2.5, 0] },
        { size: [0.8, 5, 1.2], at: [GAP / 2, 2.5, 0] },
      ]),
    [],
  );
  return (
    <group position={toScene(asset.position.x, asset.position.y)} rotation={[0, headingToYaw(asset.heading ?? 0), 0]}>
      <mesh geometry={pillars} material={paint.body} />
      <mesh position={[0, 5.4, 0]} material={paint.lamp}>
        <boxGeometry args={[GAP + 0.8, 0.6, 1.2]} />
      </mesh>
      <AssetBadge assetId={asset.id} height={12} />
    </group>
  );
}
