// The queue of every gate lane on one board above the gate, lanes in their west-to-east order, so
// neighbouring lanes' labels never overlap. Text and colour are written to the DOM from the render
// loop, so a queue changing at 10 Hz never re-renders React.
import { useMemo, useRef } from 'react';
import { useFrame } from '@react-three/fiber';
import { Html } from '@react-three/drei';
import type { FixedAsset } from '@porttwin/contracts';
import { metricOf, useAssetStore } from '../store/assets';
import { deriveLinkStatus, serverNow, useConnectionStore } from '../store/connection';
import { conditionOf } from '../scene/status-colours';
import { useT } from '../i18n/use-language';
import { queueLevel } from './queue-level';

const REFRESH_S = 0.2;
const BOARD_COLUMNS = 6;
const BOARD_NORTH_OF_GATE_M = 90;

interface LabelParts {
  root: HTMLDivElement | null;
  count: HTMLSpanElement | null;
  unit: HTMLSpanElement | null;
}

function writeIfChanged(element: HTMLElement, text: string) {
  if (element.textContent !== text) element.textContent = text;
}

export function GateQueueBoard({ lanes, height, northEdge }: { lanes: readonly FixedAsset[]; height: number; northEdge: number }) {
  const t = useT();
  // Inbound lanes first, then outbound, each west to east.
  const ordered = useMemo(
    () => [...lanes].sort((a, b) => (a.direction === b.direction ? a.position.x - b.position.x : a.direction === 'in' ? -1 : 1)),
    [lanes],
  );
  const parts = useRef(new Map<string, LabelParts>());
  const since = useRef(Infinity);
  const text = { closed: t('queue.closed'), trucks: t('queue.trucks') };

  useFrame((_, dt) => {
    since.current += dt;
    if (since.current < REFRESH_S) return;
    since.current = 0;
    const { assets } = useAssetStore.getState();
    const now = serverNow();
    // A queue is only as current as the link: when the badge is not LIVE the labels must not look live either.
    const linkLive = deriveLinkStatus(useConnectionStore.getState(), Date.now()).state === 'LIVE';
    for (const lane of ordered) {
      const { root, count, unit } = parts.current.get(lane.id) ?? {};
      if (!root || !count || !unit) continue;
      const asset = assets.get(lane.id);
      const queue = asset?.metrics.queueLength === undefined ? null : Math.round(metricOf(asset, 'queueLength', 0));
      const open = metricOf(asset, 'laneOpen', 1) === 1;
      const condition = linkLive ? conditionOf(asset, now) : 'stale';
      const className = `queue-label queue-label--${queueLevel(queue, open)} queue-label--${condition}`;
      if (root.className !== className) root.className = className;
      writeIfChanged(count, queue === null ? '–' : String(queue));
      writeIfChanged(unit, open ? text.trucks : text.closed);
      root.dataset.queue = queue === null ? '' : String(queue);
      root.dataset.condition = condition;
    }
  });

  if (ordered.length === 0) return null;
  const x = ordered.reduce((sum, lane) => sum + lane.position.x, 0) / ordered.length;
  // Hung over the land north of the gate (away from the yard), so a big board does not cover
  // the lanes, the inspection hall or the yard it describes.
  const gateY = Math.max(...ordered.map((lane) => lane.position.y));
  const y = gateY + Math.max(BOARD_NORTH_OF_GATE_M, (northEdge - gateY) * 0.7);
  const slot = (id: string) => {
    let entry = parts.current.get(id);
    if (entry === undefined) parts.current.set(id, (entry = { root: null, count: null, unit: null }));
    return entry;
  };
  return (
    <Html position={[x, height, -y]} center zIndexRange={[40, 30]}>
      {/* Rows of at most six lanes: a big gate's board must stay on the screen. */}
      <div className="gate-board" style={{ gridTemplateColumns: `repeat(${Math.min(BOARD_COLUMNS, ordered.length)}, auto)` }}>
        {ordered.map((lane) => (
          <div
            key={lane.id}
            ref={(el) => void (slot(lane.id).root = el)}
            className="queue-label queue-label--unknown"
            data-testid={`queue-${lane.id}`}
          >
            <span className="queue-label__id">
              {lane.direction === 'out' ? '▲ ' : lane.direction === 'in' ? '▼ ' : ''}
              {lane.id}
            </span>
            <span ref={(el) => void (slot(lane.id).count = el)} className="queue-label__count">
              –
            </span>
            <span ref={(el) => void (slot(lane.id).unit = el)} className="queue-label__unit">
              {text.trucks}
            </span>
          </div>
        ))}
      </div>
    </Html>
  );
}
