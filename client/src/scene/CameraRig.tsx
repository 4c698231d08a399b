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

/**
 * Shifts the projection left by `panelPx` / 2 and up by `bottomPx` / 2, so the site is centred
 * in the part of the canvas the panel on the right and the strip along the bottom leave free.
 */
function useViewBesidePanel(panelPx: number, bottomPx = 0) {
  const camera = useThree((s) => s.camera);
  const size = useThree((s) => s.size);
  const shiftX = Math.min(panelPx, size.width * 0.4);
  const shiftY = Math.min(bottomPx, size.height * 0.3);
  useEffect(() => {
    if (!(camera instanceof PerspectiveCamera)) return;
    // The canvas is the bottom-right part of a larger virtual view, whose centre the camera aims at.
    camera.setViewOffset(size.width + shiftX, size.height + shiftY, shiftX, shiftY, size.width, size.height);
    camera.updateProjectionMatrix();
    return () => {
      camera.clearViewOffset();
    };
  }, [camera, size.width, size.height, shiftX, shiftY]);
  // Frame for the free part: its aspect, and the share of the virtual view's height it shows.
  const freeHeight = Math.max(1, size.height - shiftY);
  return { aspect: (size.width - shiftX) / freeHeight, heightShare: freeHeight / (size.height + shiftY) };
}

function useFraming(layout: SiteLayout, { aspect, heightShare }: { aspect: number; heightShare: number }) {
  const camera = useThree((s) => s.camera);
  const fov = camera instanceof PerspectiveCamera ? camera.fov : 40;
  // The camera's field of view spans the virtual view; the site must fit the free part of it.
  const freeFov = (2 * Math.atan(Math.tan((fov * Math.PI) / 360) * heightShare) * 180) / Math.PI;
  return useMemo(() => defaultFraming(contentBox(layout), freeFov, aspect), [layout, freeFov, aspect]);
}

export function LaptopCamera({ layout, panelPx }: { layout: SiteLayout; panelPx: number }) {
  const framing = useFraming(layout, useViewBesidePanel(panelPx));
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

export function WallCamera({ layout, panelPx, stripPx }: { layout: SiteLayout; panelPx: number; stripPx: number }) {
  const framing = useFraming(layout, useViewBesidePanel(panelPx, stripPx));
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
