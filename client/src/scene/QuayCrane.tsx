// A ship-to-shore crane: its portal runs along the quay (gantryPos), the trolley along the boom
// (trolleyPos, negative over the ship) and the spreader hangs at hoistHeight. Moves come from the
// store in the render loop.
import { useMemo, useRef } from 'react';
import { useFrame } from '@react-three/fiber';
import { Group, Mesh } from 'three';
import type { FixedAsset, SiteLayout } from '@porttwin/contracts';
import { metricOf, useAssetStore } from '../store/assets';
import { AssetBadge } from '../overlays/AssetBadge';
import { QUAY_CRANE, quayCranePose } from './crane-motion';
import { mergeBoxes, strut, type BoxPart } from './merge-boxes';
import { QUAY_RAILS } from './QuayApron';
import { approach } from './site-frame';
import { useStatusPaint } from './use-status-paint';

const GAUGE = 16; // metres between the legs along the rail
const PORTAL_TOP = 46;
const BOOM = { height: 50, seaEnd: QUAY_CRANE.outreach + 10, landEnd: -(QUAY_CRANE.backreach + 12) } as const;
const APEX = 78;

/** Legs, portal beams and A-frame, in the crane's frame: x along the quay, +z seaward of the quay wall. */
function portalParts(): BoxPart[] {
  const sea = -QUAY_RAILS.seaside;
  const land = -QUAY_RAILS.landside;
  const parts: BoxPart[] = [];
  for (const side of [-GAUGE / 2, GAUGE / 2]) {
    for (const z of [sea, land]) parts.push({ size: [2, PORTAL_TOP, 2], at: [side, PORTAL_TOP / 2, z] });
    parts.push({ size: [1.6, 1.6, QUAY_RAILS.landside - QUAY_RAILS.seaside], at: [side, PORTAL_TOP, (sea + land) / 2] });
    parts.push({ size: [1.2, 1.2, QUAY_RAILS.landside - QUAY_RAILS.seaside], at: [side, 12, (sea + land) / 2] });
    parts.push(strut([side, PORTAL_TOP, land], [side * 0.6, APEX, land + 4], 1.4));
    parts.push(strut([side, PORTAL_TOP, sea], [side * 0.6, APEX, land + 4], 1.2));
  }
  for (const z of [sea, land]) parts.push({ size: [GAUGE + 2, 2, 2], at: [0, PORTAL_TOP, z] });
  parts.push({ size: [GAUGE * 1.2 + 1.4, 1.4, 1.4], at: [0, APEX, land + 4] });
  return parts;
}

/** The boom with its forestays, drawn light so the crane reads at a glance whatever its status colour. */
function boomParts(): BoxPart[] {
  const land = -QUAY_RAILS.landside;
  return [
    { size: [3, 3, BOOM.seaEnd - BOOM.landEnd], at: [-2.5, BOOM.height, (BOOM.seaEnd + BOOM.landEnd) / 2] },
    { size: [3, 3, BOOM.seaEnd - BOOM.landEnd], at: [2.5, BOOM.height, (BOOM.seaEnd + BOOM.landEnd) / 2] },
    strut([0, APEX, land + 4], [0, BOOM.height + 1.5, BOOM.seaEnd - 8], 0.8),
    strut([0, APEX, land + 4], [0, BOOM.height + 1.5, BOOM.seaEnd * 0.45], 0.8),
    { size: [10, 6, 12], at: [0, BOOM.height + 4, BOOM.landEnd + 6] }, // machinery house
  ];
}

export function QuayCrane({ asset, layout }: { asset: FixedAsset; layout: SiteLayout }) {
  const paint = useStatusPaint(asset.id, '#2563eb');
  const portal = useMemo(() => mergeBoxes(portalParts()), []);
  const boom = useMemo(() => mergeBoxes(boomParts()), []);
  const crane = useRef<Group>(null);
  const trolley = useRef<Group>(null);
  const spreader = useRef<Mesh>(null);
  const cable = useRef<Mesh>(null);
  const pose = useRef(quayCranePose({}, asset.position.x, layout.quay));

  useFrame((_, dt) => {
    const state = useAssetStore.getState().assets.get(asset.id);
    const target = quayCranePose(
      {
        gantryPos: metricOf(state, 'gantryPos', asset.position.x),
        trolleyPos: metricOf(state, 'trolleyPos', 10),
        hoistHeight: metricOf(state, 'hoistHeight', QUAY_CRANE.liftHeight * 0.8),
      },
      asset.position.x,
      layout.quay,
    );
    const p = pose.current;
    p.x = approach(p.x, target.x, 3, dt);
    p.trolley = approach(p.trolley, target.trolley, 4, dt);
    p.hoist = approach(p.hoist, target.hoist, 4, dt);
    if (crane.current) crane.current.position.x = p.x;
    if (trolley.current) trolley.current.position.z = -p.trolley; // +z is seaward in the crane's frame
    if (spreader.current) spreader.current.position.y = p.hoist;
    if (cable.current) {
      const top = BOOM.height - 2;
      cable.current.scale.y = Math.max(0.1, top - p.hoist);
      cable.current.position.y = (top + p.hoist) / 2;
    }
  });

  return (
    <group ref={crane} position={[asset.position.x, 0, -layout.quay.y]}>
      <mesh geometry={portal} material={paint.body} />
      <mesh geometry={boom}>
        <meshLambertMaterial color="#e2e8f0" />
      </mesh>
      <mesh position={[0, APEX + 2, -QUAY_RAILS.landside + 4]} material={paint.lamp}>
        <boxGeometry args={[6, 3, 3]} />
      </mesh>
      <group ref={trolley}>
        <mesh position={[0, BOOM.height - 2, 0]}>
          <boxGeometry args={[9, 3, 7]} />
          <meshLambertMaterial color="#f97316" />
        </mesh>
        <mesh ref={cable}>
          <boxGeometry args={[0.6, 1, 0.6]} />
          <meshBasicMaterial color="#0f172a" />
        </mesh>
        <mesh ref={spreader}>
          <boxGeometry args={[12.5, 1.6, 3]} />
          <meshLambertMaterial color="#facc15" />
        </mesh>
      </group>
      <AssetBadge assetId={asset.id} height={APEX + 12} />
    </group>
  );
}
