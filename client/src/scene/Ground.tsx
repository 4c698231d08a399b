// Sea and land: a wide sea around the site and the terminal's land north of the quay wall.
import { useMemo } from 'react';
import type { SiteLayout } from '@porttwin/contracts';
import { siteExtent } from './site-frame';

export const GROUND_COLOURS = { sea: '#0c4a6e', land: '#3b4452', quayWall: '#94a3b8' } as const;

export function Ground({ layout }: { layout: SiteLayout }) {
  const { bounds, quay } = layout;
  const extent = useMemo(() => siteExtent(layout), [layout]);
  const landDepth = bounds.maxY - quay.y;
  const landWidth = bounds.maxX - bounds.minX;
  const slab = 4; // the land is a slab, so the quay wall shows as an edge above the water
  return (
    <group>
      <mesh rotation={[-Math.PI / 2, 0, 0]} position={[extent.centre[0], -2, extent.centre[2]]}>
        <planeGeometry args={[extent.size * 6, extent.size * 6]} />
        <meshLambertMaterial color={GROUND_COLOURS.sea} />
      </mesh>
      <mesh position={[(bounds.minX + bounds.maxX) / 2, -slab / 2, -(quay.y + landDepth / 2)]}>
        <boxGeometry args={[landWidth, slab, landDepth]} />
        <meshLambertMaterial color={GROUND_COLOURS.land} />
      </mesh>
    </group>
  );
}
