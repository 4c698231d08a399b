// The laptop's "Alerts" tab (issue 10): open alerts, most severe first and then the oldest,
// each with its severity's colour, title, asset, age, repeat count and who holds it. A row
// selects the alert: the scene flies to its asset and marks it, and its detail opens beneath.
import type { Alert } from '@porttwin/contracts';
import { useMemo } from 'react';
import { useLanguageStore, useT, type Translate } from '../i18n/use-language';
import { alertAge, alertTitle, SEVERITY_COLOURS, SEVERITY_NAMES } from '../overlays/alert-format';
import { byUrgency, useAlertStore } from '../store/alerts';
import { useClockStore } from '../store/clock';
import { useConnectionStore } from '../store/connection';
import { AlertDetail } from './AlertDetail';

function AlertRow({ alert, selected, serverNow, t }: { alert: Alert; selected: boolean; serverNow: number; t: Translate }) {
  const language = useLanguageStore((s) => s.language);
  const select = () => useAlertStore.getState().select(selected ? null : { id: alert.id, assetId: alert.assetId });
  return (
    <li
      className={`alerts__row${selected ? ' alerts__row--selected' : ''}`}
      style={{ borderLeftColor: SEVERITY_COLOURS[alert.severity] }}
      data-alert-id={alert.id}
      data-severity={alert.severity}
      data-state={alert.state}
      data-asset={alert.assetId}
      aria-selected={selected}
      role="option"
      tabIndex={0}
      onClick={select}
      onKeyDown={(event) => {
        if (event.key === 'Enter' || event.key === ' ') {
          event.preventDefault();
          select();
        }
      }}
    >
      <div className="alerts__line">
        <span className="alerts__severity" style={{ background: SEVERITY_COLOURS[alert.severity] }}>
          {t(SEVERITY_NAMES[alert.severity])}
        </span>
        <span className="alerts__title">{alertTitle(alert, language, t)}</span>
        {alert.count > 1 && (
          <span className="alerts__count" data-testid="alert-count">
            ×{alert.count}
          </span>
        )}
      </div>
      <div className="alerts__line alerts__meta">
        <span className="alerts__asset">{alert.assetId}</span>
        <span>{alertAge(alert.raisedAt, serverNow, t)}</span>
        {alert.escalatedAt !== null && alert.state === 'raised' && <span className="alerts__escalated">{t('alerts.escalated')}</span>}
        {alert.acknowledgedBy !== null ? (
          <span className="alerts__who" data-testid="alert-acknowledged-by">
            {t('alerts.ackBy', { user: alert.acknowledgedBy })}
          </span>
        ) : (
          <span className="alerts__unacked">{t('alertState.raised')}</span>
        )}
        {alert.assignedTo !== null && <span className="alerts__who">{t('alerts.owner', { user: alert.assignedTo })}</span>}
      </div>
    </li>
  );
}

export function AlertsPanel() {
  const t = useT();
  const open = useAlertStore((s) => s.open);
  const selected = useAlertStore((s) => s.selected);
  const now = useClockStore((s) => s.now);
  const offset = useConnectionStore((s) => s.serverOffsetMs);
  const alerts = useMemo(() => byUrgency(open.values()), [open]);
  return (
    <section className="kpi alerts" data-testid="alerts-panel">
      <header className="kpi__header">
        <h2>{t('alerts.heading')}</h2>
        <span className="alerts__total" data-testid="alerts-total">
          {alerts.length}
        </span>
      </header>
      {alerts.length === 0 ? (
        <p className="kpi__none">{t('alerts.none')}</p>
      ) : (
        <ul className="alerts__list" role="listbox" data-testid="alerts-list">
          {alerts.map((alert) => (
            <AlertRow key={alert.id} alert={alert} selected={alert.id === selected?.id} serverNow={now + offset} t={t} />
          ))}
        </ul>
      )}
      {selected && <AlertDetail key={selected.id} id={selected.id} />}
    </section>
  );
}
