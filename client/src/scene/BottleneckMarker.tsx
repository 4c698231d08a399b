// The clearance report's bottleneck (堵点) marked where it is: a pulsing red ring and beacon on
// the gate lane or scanner trucks wait at, and a label above naming the stage and the dwell.
// React re-renders it only when a new report names another asset; the pulse is the render loop
// mutating refs. On a laptop a click on the label opens the clearance tab that explains it.
import { useEffect, useMemo, useRef } from 'react';
import { useFrame } from '@react-three/fiber';
import { Html } from '@react-three/drei';
import { Group, MeshBasicMaterial } from 'three';
import type { Bottleneck, SiteLayout } from '@porttwin/contracts';
import { useClearanceStore } from '../store/clearance';
import { deriveLinkStatus, useConnectionStore } from '../store/connection';
import { useSidePanelStore } from '../store/side-panel';
import { useT } from '../i18n/use-language';
import { spokenDuration, STAGE_LABELS } from '../overlays/clearance-format';
import type { Layout } from '../url-options';
import { toScene } from './site-frame';

const RING_RADIUS_M = 22;
const BEACON_HEIGHT_M = 36;
const PULSE_HZ = 0.8;
const LIVE_RED = '#ef4444';
const STALE_GREY = '#94a3b8';

function MarkerAt({ x, y, bottleneck, mode }: { x: number; y: number; bottleneck: Bottleneck; mode: Layout }) {
  const t = useT();
  const ring = useRef<Group>(null);
  const label = useRef<HTMLDivElement>(null);
  const materials = useMemo(
    () => ({
      // Drawn over the inspection hall's roof and the lanes' canopy, which would hide it.
      ring: new MeshBasicMaterial({ color: LIVE_RED, transparent: true, opacity: 0.9, depthWrite: false, depthTest: false }),
      pulse: new MeshBasicMaterial({ color: LIVE_RED, transparent: true, opacity: 0.9, depthWrite: false, depthTest: false }),
      beacon: new MeshBasicMaterial({ color: LIVE_RED, transparent: true, opacity: 0.5, depthWrite: false }),
    }),
    [],
  );
  useEffect(
    () => () => {
      materials.ring.dispose();
      materials.pulse.dispose();
      materials.beacon.dispose();
    },
    [materials],
  );
  const wasLive = useRef(true);

  useFrame(({ clock }) => {
    const phase = (clock.elapsedTime * PULSE_HZ) % 1;
    // A bottleneck is only as current as the link: grey, not red, when the figures are not live.
    const live = deriveLinkStatus(useConnectionStore.getState(), Date.now()).state === 'LIVE';
    if (live !== wasLive.current) {
      wasLive.current = live;
      materials.ring.color.set(live ? LIVE_RED : STALE_GREY);
      materials.pulse.color.set(live ? LIVE_RED : STALE_GREY);
      materials.beacon.color.set(live ? LIVE_RED : STALE_GREY);
      if (label.current) label.current.dataset.live = String(live);
    }
    if (ring.current) ring.current.scale.setScalar(1 + phase * 1.2);
    materials.pulse.opacity = 0.95 * (1 - phase);
    materials.beacon.opacity = 0.45 + 0.15 * Math.sin(clock.elapsedTime * PULSE_HZ * 2 * Math.PI);
  });

  const open = mode === 'laptop' ? () => useSidePanelStore.getState().show('clearance') : undefined;
  return (
    <group position={toScene(x, y)}>
      {/* A steady ring on the ground, and one that spreads out from it and fades. */}
      <mesh position={[0, 0.6, 0]} rotation={[-Math.PI / 2, 0, 0]} material={materials.ring} renderOrder={10}>
        <ringGeometry args={[RING_RADIUS_M - 3, RING_RADIUS_M, 48]} />
      </mesh>
      <group ref={ring} position={[0, 0.7, 0]}>
        <mesh rotation={[-Math.PI / 2, 0, 0]} material={materials.pulse} renderOrder={10}>
          <ringGeometry args={[RING_RADIUS_M - 2, RING_RADIUS_M, 48]} />
        </mesh>
      </group>
      <mesh position={[0, BEACON_HEIGHT_M / 2, 0]} material={materials.beacon}>
        <cylinderGeometry args={[2, 4, BEACON_HEIGHT_M, 16, 1, true]} />
      </mesh>
      <Html position={[0, BEACON_HEIGHT_M + 4, 0]} center zIndexRange={[45, 35]}>
        <div
          ref={label}
          className={`bottleneck-marker${open ? ' bottleneck-marker--link' : ''}`}
          data-testid="bottleneck-marker"
          data-stage={bottleneck.stage}
          data-asset={bottleneck.assetId ?? ''}
          data-live="true"
          onClick={open}
          role={open ? 'button' : undefined}
        >
          <span className="bottleneck-marker__title">
            {t('clearance.markerTitle')} · {bottleneck.assetId}
          </span>
          <span className="bottleneck-marker__what">
            {t(STAGE_LABELS[bottleneck.stage])} {spokenDuration(bottleneck.dwellSec, t)}
          </span>
        </div>
      </Html>
    </group>
  );
}

export function BottleneckMarker({ layout, mode }: { layout: SiteLayout; mode: Layout }) {
  const bottleneck = useClearanceStore((s) => s.clearance?.bottleneck ?? null);
  const asset = bottleneck?.assetId ? layout.assets.find((a) => a.id === bottleneck.assetId) : undefined;
  // The yard's bottleneck has no one asset, and an asset the layout does not know has no place.
  if (!bottleneck || !asset) return null;
  return <MarkerAt x={asset.position.x} y={asset.position.y} bottleneck={bottleneck} mode={mode} />;
}
