// The selected alert marked on its asset (issue 10): the bottleneck's pulsing ring and beacon in
// the alert's severity colour, and a label naming what and where. It re-renders when the
// selection changes or the alert's severity or state does, not on every push.
import { useMemo, useRef } from 'react';
import type { SiteLayout } from '@porttwin/contracts';
import { useLanguageStore, useT } from '../i18n/use-language';
import { alertTitle, SEVERITY_COLOURS } from '../overlays/alert-format';
import { useAlertStore, useSelectedAlertAsset } from '../store/alerts';
import { useAssetStore } from '../store/assets';
import { assetPosition } from './asset-position';
import { PulseMarker } from './PulseMarker';

const RING_RADIUS_M = 16;

export function AlertMarker({ layout }: { layout: SiteLayout }) {
  const t = useT();
  const language = useLanguageStore((s) => s.language);
  const assetId = useSelectedAlertAsset();
  const severity = useAlertStore((s) => (s.selected ? s.open.get(s.selected.id)?.severity : undefined));
  const rule = useAlertStore((s) => (s.selected ? s.open.get(s.selected.id)?.rule : undefined));
  const title = useAlertStore((s) => (s.selected ? s.open.get(s.selected.id)?.title : undefined));
  const label = useRef<HTMLDivElement>(null);
  // Where it stands when selected; a truck that drives on is not chased.
  const where = useMemo(
    () => (assetId === null ? null : assetPosition(layout, assetId, useAssetStore.getState().assets)),
    [layout, assetId],
  );
  if (assetId === null || where === null) return null;
  // A resolved alert has left the open set: its mark stays, in grey, until the selection changes.
  const colour = severity === undefined ? '#94a3b8' : SEVERITY_COLOURS[severity];
  return (
    <PulseMarker x={where.x} y={where.y} colour={colour} radius={RING_RADIUS_M} labelRef={label}>
      <div
        ref={label}
        className="alert-marker"
        style={{ background: colour }}
        data-testid="alert-marker"
        data-asset={assetId}
        data-live="true"
      >
        <span className="alert-marker__asset">{assetId}</span>
        {rule !== undefined && title !== undefined && (
          <span className="alert-marker__what">{alertTitle({ rule, title }, language, t)}</span>
        )}
      </div>
    </PulseMarker>
  );
}
