// What the AI cameras see now (issue 10): a tag over each camera with an open alert raised by a
// `detection` event, naming the label in the reader's language in the alert's colour. The live
// state carries no detections of its own, so the open alerts are the source; the list is
// replaced only when a detection appears, changes label or goes. On a laptop a click on a tag
// selects its alert and opens the Alerts tab.
import type { SiteLayout } from '@porttwin/contracts';
import { Html } from '@react-three/drei';
import { useT } from '../i18n/use-language';
import { detectionName, SEVERITY_COLOURS } from '../overlays/alert-format';
import { type CameraDetection, useAlertStore } from '../store/alerts';
import { useSidePanelStore } from '../store/side-panel';
import type { Layout } from '../url-options';
import { toScene } from './site-frame';

/** Above the camera's badge (CameraMarker: mast 14 m, badge at 22 m). */
const TAG_HEIGHT_M = 30;

function DetectionTag({ detection, x, y, mode }: { detection: CameraDetection; x: number; y: number; mode: Layout }) {
  const t = useT();
  const colour = SEVERITY_COLOURS[detection.severity];
  const open =
    mode === 'laptop'
      ? () => {
          useAlertStore.getState().select({ id: detection.alertId, assetId: detection.cameraId });
          useSidePanelStore.getState().show('alerts');
        }
      : undefined;
  return (
    <group position={toScene(x, y)}>
      <mesh position={[0, TAG_HEIGHT_M - 6, 0]}>
        <sphereGeometry args={[2.2, 16, 12]} />
        <meshBasicMaterial color={colour} />
      </mesh>
      <Html position={[0, TAG_HEIGHT_M, 0]} center zIndexRange={[40, 30]}>
        <div
          className={`detection-tag${open ? ' detection-tag--link' : ''}`}
          onClick={open}
          role={open ? 'button' : undefined}
          style={{ borderColor: colour }}
          data-testid="detection-marker"
          data-camera={detection.cameraId}
          data-label={detection.label}
        >
          {detectionName(detection.label, t)} · {detection.cameraId}
        </div>
      </Html>
    </group>
  );
}

export function DetectionMarkers({ layout, mode }: { layout: SiteLayout; mode: Layout }) {
  const detections = useAlertStore((s) => s.detections);
  return (
    <group>
      {detections.map((detection) => {
        const camera = layout.assets.find((asset) => asset.id === detection.cameraId);
        return camera ? (
          <DetectionTag key={detection.alertId} detection={detection} x={camera.position.x} y={camera.position.y} mode={mode} />
        ) : null;
      })}
    </group>
  );
}
