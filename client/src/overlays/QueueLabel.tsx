// The queue over a gate lane. Text and colour are written to the DOM from the render loop, so a
// queue changing at 10 Hz never re-renders React.
import { useRef } from 'react';
import { useFrame } from '@react-three/fiber';
import { Html } from '@react-three/drei';
import { metricOf, useAssetStore } from '../store/assets';
import { serverNow } from '../store/connection';
import { conditionOf } from '../scene/status-colours';
import { useT } from '../i18n/use-language';
import { queueLevel } from './queue-level';

const REFRESH_S = 0.2;

export function QueueLabel({ assetId, height }: { assetId: string; height: number }) {
  const t = useT();
  const root = useRef<HTMLDivElement>(null);
  const count = useRef<HTMLSpanElement>(null);
  const unit = useRef<HTMLSpanElement>(null);
  const since = useRef(Infinity);
  const closedText = t('queue.closed');
  const trucksText = t('queue.trucks');

  useFrame((_, dt) => {
    since.current += dt;
    if (since.current < REFRESH_S || root.current === null || count.current === null || unit.current === null) return;
    since.current = 0;
    const asset = useAssetStore.getState().assets.get(assetId);
    const hasQueue = asset !== undefined && asset.metrics.queueLength !== undefined;
    const queue = hasQueue ? Math.round(metricOf(asset, 'queueLength', 0)) : null;
    const open = metricOf(asset, 'laneOpen', 1) === 1;
    const condition = conditionOf(asset, serverNow());
    const level = queueLevel(queue, open);
    const className = `queue-label queue-label--${level} queue-label--${condition}`;
    if (root.current.className !== className) root.current.className = className;
    const text = queue === null ? '–' : String(queue);
    if (count.current.textContent !== text) count.current.textContent = text;
    const unitText = open ? trucksText : closedText;
    if (unit.current.textContent !== unitText) unit.current.textContent = unitText;
    root.current.dataset.queue = queue === null ? '' : String(queue);
    root.current.dataset.condition = condition;
  });

  return (
    <Html position={[0, height, 0]} center zIndexRange={[40, 30]}>
      <div ref={root} className="queue-label queue-label--unknown" data-testid={`queue-${assetId}`}>
        <span className="queue-label__id">{assetId}</span>
        <span ref={count} className="queue-label__count">
          –
        </span>
        <span ref={unit} className="queue-label__unit">
          {trucksText}
        </span>
      </div>
    </Html>
  );
}
