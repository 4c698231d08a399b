// A container ship, placed from its own x, y and heading telemetry: hull, bridge, and a deck of boxes.
import { useLayoutEffect, useMemo, useRef } from 'react';
import { useFrame } from '@react-three/fiber';
import { Html } from '@react-three/drei';
import { Color, ExtrudeGeometry, Group, InstancedMesh, MeshLambertMaterial, Object3D, Shape } from 'three';
import { metricOf, useAssetStore } from '../store/assets';
import { serverNow } from '../store/connection';
import { AssetBadge } from '../overlays/AssetBadge';
import { CONTAINER_COLOURS, CONTAINER_SIZE, hash } from './container-stacks';
import { approach, approachAngle, headingToYaw, toScene } from './site-frame';
import { bodyColour, conditionOf } from './status-colours';

const SHIP = { length: 240, beam: 34, freeboard: 9 } as const;
const DECK = { bays: 12, rows: 11 } as const;

/** The hull outline seen from above, bow pointing north (+y in the shape, -z in the scene). */
function hullGeometry(): ExtrudeGeometry {
  const half = SHIP.beam / 2;
  const aft = -SHIP.length / 2;
  const fore = SHIP.length / 2;
  const shape = new Shape();
  shape.moveTo(-half, aft);
  shape.lineTo(half, aft);
  shape.lineTo(half, fore - 30);
  shape.quadraticCurveTo(half, fore - 6, 0, fore);
  shape.quadraticCurveTo(-half, fore - 6, -half, fore - 30);
  shape.closePath();
  const geometry = new ExtrudeGeometry(shape, { depth: SHIP.freeboard + 3, bevelEnabled: false });
  geometry.rotateX(-Math.PI / 2);
  geometry.translate(0, -3, 0); // three metres below the waterline so it sits in the sea
  return geometry;
}

/** Deck boxes: bays along the ship, rows across, a few tiers high; same load on every screen. */
function deckBoxes(vesselId: string) {
  const boxes: { x: number; z: number; tier: number; colour: string }[] = [];
  const bayPitch = (SHIP.length - 80) / DECK.bays;
  for (let bay = 0; bay < DECK.bays; bay += 1) {
    for (let row = 0; row < DECK.rows; row += 1) {
      const tiers = 1 + Math.floor(hash(`${vesselId}:${bay}:${row}`) * 4);
      for (let tier = 0; tier < tiers; tier += 1) {
        const colour = CONTAINER_COLOURS[Math.floor(hash(`${vesselId}:${bay}:${row}:${tier}`) * CONTAINER_COLOURS.length)] ?? '#e5e7eb';
        boxes.push({
          x: (row - (DECK.rows - 1) / 2) * (CONTAINER_SIZE.width + 0.3),
          z: -SHIP.length / 2 + 45 + bay * bayPitch,
          tier,
          colour,
        });
      }
    }
  }
  return boxes;
}

export function Vessel({ assetId }: { assetId: string }) {
  // The name is structure, not telemetry: it changes once per call at most, so React may watch it.
  const name = useAssetStore((s) => {
    const value = s.assets.get(assetId)?.metrics.name;
    return typeof value === 'string' ? value : assetId;
  });
  const hull = useMemo(hullGeometry, []);
  const boxes = useMemo(() => deckBoxes(assetId), [assetId]);
  const ship = useRef<Group>(null);
  const deck = useRef<InstancedMesh>(null);
  const pose = useRef<{ x: number; y: number; yaw: number } | null>(null);
  const hullColour = useRef<Color>(new Color());
  const hullMaterial = useRef<MeshLambertMaterial>(null);

  useLayoutEffect(() => {
    const mesh = deck.current;
    if (mesh === null) return;
    const dummy = new Object3D();
    const colour = new Color();
    boxes.forEach((box, i) => {
      // Boxes lie fore-and-aft: their length runs along the ship (scene z before the yaw).
      dummy.position.set(box.x, SHIP.freeboard + (box.tier + 0.5) * CONTAINER_SIZE.height, box.z);
      dummy.rotation.set(0, Math.PI / 2, 0);
      dummy.updateMatrix();
      mesh.setMatrixAt(i, dummy.matrix);
      mesh.setColorAt(i, colour.set(box.colour));
    });
    mesh.instanceMatrix.needsUpdate = true;
    if (mesh.instanceColor) mesh.instanceColor.needsUpdate = true;
    mesh.computeBoundingSphere();
  }, [boxes]);

  useFrame((_, dt) => {
    const state = useAssetStore.getState().assets.get(assetId);
    if (state === undefined || ship.current === null) return;
    const x = metricOf(state, 'x', 0);
    const y = metricOf(state, 'y', 0);
    const yaw = headingToYaw(metricOf(state, 'heading', 90));
    const p = (pose.current ??= { x, y, yaw });
    p.x = approach(p.x, x, 1.5, dt);
    p.y = approach(p.y, y, 1.5, dt);
    p.yaw = approachAngle(p.yaw, yaw, 1.5, dt);
    ship.current.position.set(...toScene(p.x, p.y));
    ship.current.rotation.y = p.yaw;
    hullMaterial.current?.color.copy(hullColour.current.set(bodyColour(conditionOf(state, serverNow()), '#334155')));
  });

  return (
    <group ref={ship}>
      <mesh geometry={hull}>
        <meshLambertMaterial ref={hullMaterial} color="#334155" />
      </mesh>
      <mesh position={[0, SHIP.freeboard + 0.1, 0]} rotation={[-Math.PI / 2, 0, 0]}>
        <planeGeometry args={[SHIP.beam - 4, SHIP.length - 40]} />
        <meshLambertMaterial color="#7f1d1d" />
      </mesh>
      {/* Accommodation and bridge toward the stern. */}
      <mesh position={[0, SHIP.freeboard + 12, SHIP.length / 2 - 22]}>
        <boxGeometry args={[SHIP.beam - 6, 24, 12]} />
        <meshLambertMaterial color="#f8fafc" />
      </mesh>
      <mesh position={[0, SHIP.freeboard + 25, SHIP.length / 2 - 24]}>
        <boxGeometry args={[SHIP.beam + 2, 2, 6]} />
        <meshLambertMaterial color="#f8fafc" />
      </mesh>
      <instancedMesh ref={deck} args={[undefined, undefined, boxes.length]}>
        <boxGeometry args={[CONTAINER_SIZE.length * 2, CONTAINER_SIZE.height * 0.94, CONTAINER_SIZE.width]} />
        <meshLambertMaterial />
      </instancedMesh>
      <Html position={[0, SHIP.freeboard + 16, 0]} center zIndexRange={[10, 0]}>
        <div className="scene-tag scene-tag--vessel">{name}</div>
      </Html>
      <AssetBadge assetId={assetId} height={SHIP.freeboard + 40} />
    </group>
  );
}
