// Camera control: orbit with the mouse on a laptop; on a wall, a slow sway that needs no hand.
import { useEffect, useMemo } from 'react';
import { useFrame, useThree } from '@react-three/fiber';
import { OrbitControls } from '@react-three/drei';
import type { SiteLayout } from '@porttwin/contracts';
import { defaultFraming } from './camera-framing';

/** One full sway left and right every four minutes: alive, but never disorienting. */
const SWAY = { periodS: 240, amplitude: 0.5 } as const;

function useFraming(layout: SiteLayout) {
  const camera = useThree((s) => s.camera);
  const size = useThree((s) => s.size);
  const fov = 'fov' in camera ? (camera.fov as number) : 40;
  return useMemo(() => defaultFraming(layout, fov, size.width / Math.max(1, size.height)), [layout, fov, size.width, size.height]);
}

export function LaptopCamera({ layout }: { layout: SiteLayout }) {
  const framing = useFraming(layout);
  const camera = useThree((s) => s.camera);
  useEffect(() => {
    camera.position.set(...framing.position);
    camera.lookAt(...framing.target);
  }, [camera, framing]);
  return (
    <OrbitControls
      makeDefault
      target={framing.target}
      maxPolarAngle={Math.PI / 2.15}
      minDistance={40}
      maxDistance={framing.distance * 2.5}
      enableDamping
    />
  );
}

export function WallCamera({ layout }: { layout: SiteLayout }) {
  const framing = useFraming(layout);
  useFrame(({ camera, clock }) => {
    const azimuth = SWAY.amplitude * Math.sin((clock.elapsedTime * 2 * Math.PI) / SWAY.periodS);
    const ground = framing.distance * Math.cos(framing.elevation);
    camera.position.set(framing.target[0] + ground * Math.sin(azimuth), framing.distance * Math.sin(framing.elevation), framing.target[2] + ground * Math.cos(azimuth));
    camera.lookAt(...framing.target);
  });
  return null;
}
