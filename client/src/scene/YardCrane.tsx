// A rubber-tyred gantry crane straddling its block and a truck lane: gantry along the block (gantryPos),
// trolley across it (trolleyPos), spreader at hoistHeight. Moves come from the store in the render loop.
import { useMemo, useRef } from 'react';
import { useFrame } from '@react-three/fiber';
import { Group, Mesh } from 'three';
import type { FixedAsset, YardBlock } from '@porttwin/contracts';
import { metricOf, useAssetStore } from '../store/assets';
import { AssetBadge } from '../overlays/AssetBadge';
import { YARD_CRANE, yardCranePose } from './crane-motion';
import { mergeBoxes, type BoxPart } from './merge-boxes';
import { approach } from './site-frame';
import { useStatusPaint } from './use-status-paint';

const GAUGE = 7; // metres between the legs along the block
const TOP = 22;

/** Legs and the two cross girders, in a frame centred on the block's centre line, +z south. */
function frameParts(span: number): BoxPart[] {
  const parts: BoxPart[] = [];
  for (const side of [-span / 2, span / 2]) {
    for (const along of [-GAUGE / 2, GAUGE / 2]) parts.push({ size: [1.2, TOP, 1.2], at: [along, TOP / 2, side] });
    parts.push({ size: [GAUGE + 1.2, 1.4, 1.4], at: [0, 2, side] }); // sill beam over the tyres
  }
  for (const along of [-GAUGE / 2, GAUGE / 2]) parts.push({ size: [1.4, 1.8, span + 1.2], at: [along, TOP, 0] });
  return parts;
}

export function YardCrane({ asset, block }: { asset: FixedAsset; block: YardBlock }) {
  const paint = useStatusPaint(asset.id, '#06b6d4');
  const span = block.width + 2 * YARD_CRANE.laneWidth + 2;
  const frame = useMemo(() => mergeBoxes(frameParts(span)), [span]);
  const crane = useRef<Group>(null);
  const trolley = useRef<Group>(null);
  const spreader = useRef<Mesh>(null);
  const cable = useRef<Mesh>(null);
  const parked = { x: asset.position.x, y: asset.position.y, heading: asset.heading ?? 90 };
  const pose = useRef(yardCranePose({}, parked, block));

  useFrame((_, dt) => {
    const state = useAssetStore.getState().assets.get(asset.id);
    const target = yardCranePose(
      {
        gantryPos: metricOf(state, 'gantryPos', parked.x),
        trolleyPos: metricOf(state, 'trolleyPos', 0),
        hoistHeight: metricOf(state, 'hoistHeight', YARD_CRANE.liftHeight * 0.7),
      },
      parked,
      block,
    );
    const p = pose.current;
    p.x = approach(p.x, target.x, 3, dt);
    p.trolleyY = approach(p.trolleyY, target.trolleyY, 4, dt);
    p.hoist = approach(p.hoist, target.hoist, 4, dt);
    if (crane.current) crane.current.position.x = p.x;
    if (trolley.current) trolley.current.position.z = -(p.trolleyY - block.center.y);
    if (spreader.current) spreader.current.position.y = p.hoist;
    if (cable.current) {
      const top = TOP - 1;
      cable.current.scale.y = Math.max(0.1, top - p.hoist);
      cable.current.position.y = (top + p.hoist) / 2;
    }
  });

  return (
    <group ref={crane} position={[asset.position.x, 0, -block.center.y]}>
      <mesh geometry={frame} material={paint.body} />
      <mesh position={[0, TOP + 2, -span / 2]} material={paint.lamp}>
        <boxGeometry args={[4, 2, 2]} />
      </mesh>
      <group ref={trolley}>
        <mesh position={[0, TOP + 1.2, 0]}>
          <boxGeometry args={[GAUGE + 1, 2, 4]} />
          <meshLambertMaterial color="#f97316" />
        </mesh>
        <mesh ref={cable}>
          <boxGeometry args={[0.4, 1, 0.4]} />
          <meshBasicMaterial color="#0f172a" />
        </mesh>
        <mesh ref={spreader}>
          <boxGeometry args={[6.5, 1, 2.6]} />
          <meshLambertMaterial color="#facc15" />
        </mesh>
      </group>
      <AssetBadge assetId={asset.id} height={TOP + 10} />
    </group>
  );
}
