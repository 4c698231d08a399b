// What the colours mean, in the corner of the scene.
import { STATUS_COLOURS } from '../scene/status-colours';
import { useT } from '../i18n/use-language';
import type { MessageKey } from '../i18n/strings';

const ENTRIES: [keyof typeof STATUS_COLOURS, MessageKey][] = [
  ['online', 'legend.online'],
  ['fault', 'legend.fault'],
  ['offline', 'legend.offline'],
  ['stale', 'legend.stale'],
];

export function StatusLegend() {
  const t = useT();
  return (
    <ul className="legend">
      {ENTRIES.map(([condition, key]) => (
        <li key={condition}>
          <span className="legend__swatch" style={{ background: STATUS_COLOURS[condition] }} />
          {t(key)}
        </li>
      ))}
    </ul>
  );
}
