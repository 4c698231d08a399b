// Camera control: orbit with the mouse on a laptop; on a wall, a slow sway that needs no hand.
// Both keep the view centred in the part of the canvas the KPI panel leaves free.
import { useEffect, useMemo } from 'react';
import { useFrame, useThree } from '@react-three/fiber';
import { OrbitControls } from '@react-three/drei';
import { PerspectiveCamera } from 'three';
import type { SiteLayout } from '@porttwin/contracts';
import { contentBox, defaultFraming } from './camera-framing';

/** One full sway left and right every four minutes: alive, but never disorienting. */
const SWAY = { periodS: 240, amplitude: 0.45 } as const;

/** Shifts the projection left by `panelPx` / 2 so the site is centred beside the panel on the right. */
function useViewBesidePanel(panelPx: number) {
  const camera = useThree((s) => s.camera);
  const size = useThree((s) => s.size);
  useEffect(() => {
    if (!(camera instanceof PerspectiveCamera)) return;
    const shift = Math.min(panelPx, size.width * 0.4);
    camera.setViewOffset(size.width + shift, size.height, shift, 0, size.width, size.height);
    camera.updateProjectionMatrix();
    return () => {
      camera.clearViewOffset();
    };
  }, [camera, size.width, size.height, panelPx]);
  // The view is narrower than the canvas by the panel, so frame for the free part's aspect.
  return (size.width - Math.min(panelPx, size.width * 0.4)) / Math.max(1, size.height);
}

function useFraming(layout: SiteLayout, aspect: number) {
  const camera = useThree((s) => s.camera);
  const fov = camera instanceof PerspectiveCamera ? camera.fov : 40;
  return useMemo(() => defaultFraming(contentBox(layout), fov, aspect), [layout, fov, aspect]);
}

export function LaptopCamera({ layout, panelPx }: { layout: SiteLayout; panelPx: number }) {
  const aspect = useViewBesidePanel(panelPx);
  const framing = useFraming(layout, aspect);
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

export function WallCamera({ layout, panelPx }: { layout: SiteLayout; panelPx: number }) {
  const aspect = useViewBesidePanel(panelPx);
  const framing = useFraming(layout, aspect);
  useFrame(({ camera, clock }) => {
    const azimuth = framing.azimuth + SWAY.amplitude * Math.sin((clock.elapsedTime * 2 * Math.PI) / SWAY.periodS);
    const ground = framing.distance * Math.cos(framing.elevation);
    camera.position.set(
      framing.target[0] + ground * Math.sin(azimuth),
      framing.distance * Math.sin(framing.elevation),
      framing.target[2] + ground * Math.cos(azimuth),
    );
    camera.lookAt(...framing.target);
  });
  return null;
}
