// The 3D twin: the canvas, lights and camera, and the site built from its layout plus the live assets.
import { Canvas } from '@react-three/fiber';
import type { SiteLayout } from '@porttwin/contracts';
import type { Layout } from '../url-options';
import { AlertMarker } from './AlertMarker';
import { BottleneckMarker } from './BottleneckMarker';
import { LaptopCamera, WallCamera } from './CameraRig';
import { DetectionMarkers } from './DetectionMarkers';
import { FixedAssets } from './FixedAssets';
import { Ground } from './Ground';
import { InspectionHall } from './InspectionHall';
import { QuayApron } from './QuayApron';
import { Roads } from './Roads';
import { Trucks } from './Trucks';
import { Vessels } from './Vessels';
import { YardBlocks } from './YardBlocks';

const BACKGROUND = '#0b1220';
/** Width the side panel takes on the right (see styles.css, .side), so the site is framed in the rest. */
const LAPTOP_PANEL_PX = 360;
const WALL_PANEL_PX = 560;
/** Height the wall's clearance strip takes along the bottom, with its margin (styles.css, .wall-strip). */
const WALL_STRIP_PX = 270;

export function PortScene({ layout, mode }: { layout: SiteLayout; mode: Layout }) {
  return (
    <div className="scene" data-testid="scene">
      <Canvas camera={{ fov: 40, near: 5, far: 20_000 }} dpr={[1, 2]} gl={{ antialias: true, powerPreference: 'high-performance' }}>
        <color attach="background" args={[BACKGROUND]} />
        <fog attach="fog" args={[BACKGROUND, 1_800, 5_000]} />
        <hemisphereLight args={['#dbeafe', '#334155', 1.6]} />
        <directionalLight position={[-400, 800, 500]} intensity={1.8} />
        <Ground layout={layout} />
        <QuayApron layout={layout} />
        <Roads roads={layout.roads} />
        <YardBlocks blocks={layout.yardBlocks} />
        {layout.inspectionHall && <InspectionHall hall={layout.inspectionHall} />}
        <FixedAssets layout={layout} />
        <BottleneckMarker layout={layout} mode={mode} />
        <DetectionMarkers layout={layout} mode={mode} />
        {mode === 'laptop' && <AlertMarker layout={layout} />}
        <Vessels />
        <Trucks />
        {mode === 'wall' ? (
          <WallCamera layout={layout} panelPx={WALL_PANEL_PX} stripPx={WALL_STRIP_PX} />
        ) : (
          <LaptopCamera layout={layout} panelPx={LAPTOP_PANEL_PX} />
        )}
      </Canvas>
    </div>
  );
}
