// A place in the scene marked so it is found at a glance: a steady ring on the ground, a ring
// that spreads out from it and fades, a beacon, and a label above. The pulse is the render loop
// mutating refs; it goes grey, not its colour, when the link is not live (a mark is only as
// current as the data behind it), and says so on the label's `data-live`. Used for the
// clearance bottleneck and the selected alert.
import { type ReactNode, type RefObject, useEffect, useMemo, useRef } from 'react';
import { useFrame } from '@react-three/fiber';
import { Html } from '@react-three/drei';
import { Group, MeshBasicMaterial } from 'three';
import { deriveLinkStatus, useConnectionStore } from '../store/connection';
import { toScene } from './site-frame';

const BEACON_HEIGHT_M = 36;
const PULSE_HZ = 0.8;
const STALE_GREY = '#94a3b8';

export interface PulseMarkerProps {
  x: number;
  y: number;
  colour: string;
  radius: number;
  /** The label's element: its `data-live` follows the link. */
  labelRef: RefObject<HTMLElement | null>;
  children: ReactNode;
}

export function PulseMarker({ x, y, colour, radius, labelRef, children }: PulseMarkerProps) {
  const ring = useRef<Group>(null);
  const materials = useMemo(
    () => ({
      // Drawn over the inspection hall's roof and the lanes' canopy, which would hide it.
      ring: new MeshBasicMaterial({ color: colour, transparent: true, opacity: 0.9, depthWrite: false, depthTest: false }),
      pulse: new MeshBasicMaterial({ color: colour, transparent: true, opacity: 0.9, depthWrite: false, depthTest: false }),
      beacon: new MeshBasicMaterial({ color: colour, transparent: true, opacity: 0.5, depthWrite: false }),
    }),
    [colour],
  );
  useEffect(
    () => () => {
      materials.ring.dispose();
      materials.pulse.dispose();
      materials.beacon.dispose();
    },
    [materials],
  );
  const wasLive = useRef<boolean | null>(null);

  useFrame(({ clock }) => {
    const phase = (clock.elapsedTime * PULSE_HZ) % 1;
    const live = deriveLinkStatus(useConnectionStore.getState(), Date.now()).state === 'LIVE';
    if (live !== wasLive.current) {
      wasLive.current = live;
      for (const material of [materials.ring, materials.pulse, materials.beacon]) material.color.set(live ? colour : STALE_GREY);
      if (labelRef.current) labelRef.current.dataset.live = String(live);
    }
    if (ring.current) ring.current.scale.setScalar(1 + phase * 1.2);
    materials.pulse.opacity = 0.95 * (1 - phase);
    materials.beacon.opacity = 0.45 + 0.15 * Math.sin(clock.elapsedTime * PULSE_HZ * 2 * Math.PI);
  });

  return (
    <group position={toScene(x, y)}>
      <mesh position={[0, 0.6, 0]} rotation={[-Math.PI / 2, 0, 0]} material={materials.ring} renderOrder={10}>
        <ringGeometry args={[radius - 3, radius, 48]} />
      </mesh>
      <group ref={ring} position={[0, 0.7, 0]}>
        <mesh rotation={[-Math.PI / 2, 0, 0]} material={materials.pulse} renderOrder={10}>
          <ringGeometry args={[radius - 2, radius, 48]} />
        </mesh>
      </group>
      <mesh position={[0, BEACON_HEIGHT_M / 2, 0]} material={materials.beacon}>
        <cylinderGeometry args={[2, 4, BEACON_HEIGHT_M, 16, 1, true]} />
      </mesh>
      <Html position={[0, BEACON_HEIGHT_M + 4, 0]} center zIndexRange={[45, 35]}>
        {children}
      </Html>
    </group>
  );
}
