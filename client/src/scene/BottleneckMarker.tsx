// The clearance report's bottleneck (堵点) marked where it is: a pulsing red ring and beacon on
// the gate lane or scanner trucks wait at, and a label above naming the stage and the dwell.
// React re-renders it only when a new report names another asset. On a laptop a click on the
// label opens the clearance tab that explains it.
import { useRef } from 'react';
import type { Bottleneck, SiteLayout } from '@porttwin/contracts';
import { useClearanceStore } from '../store/clearance';
import { useSidePanelStore } from '../store/side-panel';
import { useT } from '../i18n/use-language';
import { spokenDuration, STAGE_LABELS } from '../overlays/clearance-format';
import type { Layout } from '../url-options';
import { PulseMarker } from './PulseMarker';

const RING_RADIUS_M = 22;
const RED = '#ef4444';

function MarkerAt({ x, y, bottleneck, mode }: { x: number; y: number; bottleneck: Bottleneck; mode: Layout }) {
  const t = useT();
  const label = useRef<HTMLDivElement>(null);
  const open = mode === 'laptop' ? () => useSidePanelStore.getState().show('clearance') : undefined;
  return (
    <PulseMarker x={x} y={y} colour={RED} radius={RING_RADIUS_M} labelRef={label}>
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
    </PulseMarker>
  );
}

export function BottleneckMarker({ layout, mode }: { layout: SiteLayout; mode: Layout }) {
  const bottleneck = useClearanceStore((s) => s.clearance?.bottleneck ?? null);
  const asset = bottleneck?.assetId ? layout.assets.find((a) => a.id === bottleneck.assetId) : undefined;
  // The yard's bottleneck has no one asset, and an asset the layout does not know has no place.
  if (!bottleneck || !asset) return null;
  return <MarkerAt x={asset.position.x} y={asset.position.y} bottleneck={bottleneck} mode={mode} />;
}
