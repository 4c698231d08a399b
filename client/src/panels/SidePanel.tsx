// The laptop's right-hand panel: the port's flow KPIs, clearance time by stage, the next hour's
// forecast, the journey table and the open alerts, one at a time behind tabs. Wall screens show no tabs (nobody
// clicks a wall): their panels are laid out in Console.
import { type MessageKey } from '../i18n/strings';
import { useT } from '../i18n/use-language';
import { ClearancePanel } from '../overlays/ClearancePanel';
import { ForecastPanel } from '../overlays/ForecastPanel';
import { KpiPanel } from '../overlays/KpiPanel';
import { SIDE_TABS, type SideTab, useSidePanelStore } from '../store/side-panel';
import { useAlertStore } from '../store/alerts';
import { AlertsPanel } from './AlertsPanel';
import { JourneysPanel } from './JourneysPanel';

const TAB_LABELS: Record<SideTab, MessageKey> = {
  flow: 'side.flow',
  clearance: 'side.clearance',
  forecast: 'side.forecast',
  journeys: 'side.journeys',
  alerts: 'side.alerts',
};

function Selected({ tab }: { tab: SideTab }) {
  switch (tab) {
    case 'flow':
      return <KpiPanel />;
    case 'clearance':
      return <ClearancePanel />;
    case 'forecast':
      return <ForecastPanel />;
    case 'journeys':
      return <JourneysPanel />;
    case 'alerts':
      return <AlertsPanel />;
  }
}

/** How many alerts are open, on the tab, with the most severe one's colour: seen from any tab. */
function OpenAlertCount() {
  const open = useAlertStore((s) => s.open.size);
  const critical = useAlertStore((s) => [...s.open.values()].some((alert) => alert.severity === 'critical'));
  if (open === 0) return null;
  return (
    <span className={`side__count${critical ? ' side__count--critical' : ''}`} data-testid="alerts-tab-count">
      {open}
    </span>
  );
}

export function SidePanel() {
  const tab = useSidePanelStore((s) => s.tab);
  const show = useSidePanelStore((s) => s.show);
  const t = useT();
  return (
    <div className="side" data-testid="side-panel">
      <nav className="side__tabs" role="tablist">
        {SIDE_TABS.map((id) => (
          <button key={id} type="button" role="tab" aria-selected={id === tab} data-tab={id} onClick={() => show(id)}>
            {t(TAB_LABELS[id])}
            {id === 'alerts' && <OpenAlertCount />}
          </button>
        ))}
      </nav>
      <Selected tab={tab} />
    </div>
  );
}
