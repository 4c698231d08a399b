// Camera control: orbit with the mouse on a laptop, and a flight to the asset of the alert a
// person selects (and back when the selection is cleared); on a wall, a slow sway that needs no
// hand. Both keep the view centred in the part of the canvas the KPI panel leaves free.
import { useEffect, useMemo, useRef } from 'react';
import { useFrame, useThree } from '@react-three/fiber';
import { OrbitControls } from '@react-three/drei';
import { PerspectiveCamera, Vector3 } from 'three';
import type { SiteLayout } from '@porttwin/contracts';
import { useSelectedAlertAsset } from '../store/alerts';
import { useAssetStore } from '../store/assets';
import { assetPosition } from './asset-position';
import { closeUpFraming, contentBox, defaultFraming, type CameraFraming } from './camera-framing';
import { toScene } from './site-frame';

/** One full sway left and right every four minutes: alive, but never disorienting. */
const SWAY = { periodS: 240, amplitude: 0.45 } as const;
/** Long enough to see where the view goes, short enough not to wait for it. */
const FLIGHT_S = 1.4;

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

interface Flight {
  fromPosition: Vector3;
  fromTarget: Vector3;
  toPosition: Vector3;
  toTarget: Vector3;
  startedAt: number | null;
  /** What the canvas says it frames once there (`data-framing`), for people's tests. */
  framing: string;
}

/**
 * Flies the orbit camera to the selected alert's asset, or back to the whole site when the
 * selection is cleared. The flight is the render loop moving the camera and the orbit target;
 * the person's mouse has the camera back as soon as it lands. A component of its own, so a
 * selection re-renders it and not the orbit controls.
 */
function FlightToSelectedAlert({ layout, framing }: { layout: SiteLayout; framing: CameraFraming }) {
  const assetId = useSelectedAlertAsset();
  const camera = useThree((s) => s.camera);
  const controls = useThree((s) => s.controls) as { target: Vector3; update: () => void } | null;
  const canvas = useThree((s) => s.gl.domElement);
  const flight = useRef<Flight | null>(null);
  const first = useRef(true);

  useEffect(() => {
    // The first render frames the site without a flight; only a change of selection flies.
    if (first.current) {
      first.current = false;
      if (assetId === null) return;
    }
    if (!controls) return;
    const where = assetId === null ? null : assetPosition(layout, assetId, useAssetStore.getState().assets);
    if (assetId !== null && where === null) return;
    const goal =
      where === null
        ? { position: framing.position, target: framing.target }
        : closeUpFraming(toScene(where.x, where.y), camera.position.toArray(), controls.target.toArray());
    flight.current = {
      fromPosition: camera.position.clone(),
      fromTarget: controls.target.clone(),
      toPosition: new Vector3(...goal.position),
      toTarget: new Vector3(...goal.target),
      startedAt: null,
      framing: assetId ?? 'site',
    };
  }, [assetId, layout, framing, camera, controls]);

  useFrame(({ clock }) => {
    const current = flight.current;
    if (!current || !controls) return;
    current.startedAt ??= clock.elapsedTime;
    const progress = Math.min(1, (clock.elapsedTime - current.startedAt) / FLIGHT_S);
    const eased = progress * progress * (3 - 2 * progress);
    camera.position.lerpVectors(current.fromPosition, current.toPosition, eased);
    controls.target.lerpVectors(current.fromTarget, current.toTarget, eased);
    controls.update();
    if (progress === 1) {
      canvas.dataset.framing = current.framing;
      flight.current = null;
    }
  });
  return null;
}

export function LaptopCamera({ layout, panelPx }: { layout: SiteLayout; panelPx: number }) {
  const framing = useFraming(layout, useViewBesidePanel(panelPx));
  const camera = useThree((s) => s.camera);
  useEffect(() => {
    camera.position.set(...framing.position);
    camera.lookAt(...framing.target);
  }, [camera, framing]);
  return (
    <>
      <FlightToSelectedAlert layout={layout} framing={framing} />
      <OrbitControls
        makeDefault
        target={framing.target}
        maxPolarAngle={Math.PI / 2.15}
        minDistance={40}
        maxDistance={framing.distance * 2.5}
        enableDamping
      />
    </>
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
