// One selected alert (GET /api/alerts/{id}): its facts, what raised it, its playbook with tick
// boxes showing who ticked each step and when, the actions the reader's role may take, and its
// history. Fetched again whenever the pushed alert changes, so a colleague's tick shows here too.
import type { Alert, AlertHistoryEntry, AlertWithHistory } from '@porttwin/contracts';
import { may } from '@porttwin/contracts';
import { useEffect, useState } from 'react';
import { formatClock } from '../format-time';
import type { MessageKey } from '../i18n/strings';
import { useLanguageStore, useT, type Translate } from '../i18n/use-language';
import { type AlertAnswer, fetchAlert, tickAlertStep } from '../net/alerts-api';
import { alertTitle, detectionName, SEVERITY_COLOURS, SEVERITY_NAMES } from '../overlays/alert-format';
import { useAlertStore } from '../store/alerts';
import { useAuthStore } from '../store/auth';
import { AlertActions } from './AlertActions';
import { historyLines } from './alert-history';

const HISTORY_NAMES: Record<AlertHistoryEntry['action'], MessageKey> = {
  raised: 'alertAction.raised',
  repeated: 'alertAction.repeated',
  escalated: 'alertAction.escalated',
  acknowledged: 'alertAction.acknowledged',
  assigned: 'alertAction.assigned',
  resolved: 'alertAction.resolved',
  step: 'alertAction.step',
};

function byAt(who: string | null, at: number | null, t: Translate): string {
  if (who === null) return t('alerts.nobody');
  return at === null ? who : t('alerts.byAt', { user: who, time: formatClock(at) });
}

/** What raised it, as name = value pairs; a camera's label in the reader's words. */
function WhatWasSeen({ detail, t }: { detail: Record<string, unknown>; t: Translate }) {
  // The event type is the rule's own (a smoke rule matches detections): the fields around it say what was seen.
  const entries = Object.entries(detail).filter(([name, value]) => name !== 'eventType' && value !== null && typeof value !== 'object');
  if (entries.length === 0) return null;
  return (
    <p className="alert-detail__what">
      {entries
        .map(([name, value]) => `${name} = ${name === 'label' && typeof value === 'string' ? detectionName(value, t) : String(value)}`)
        .join(' · ')}
    </p>
  );
}

function Playbook({ alert, onAnswer, t }: { alert: AlertWithHistory; onAnswer: (answer: AlertAnswer<Alert>) => void; t: Translate }) {
  const role = useAuthStore((s) => s.user?.role);
  const kiosk = useAuthStore((s) => s.kiosk);
  const [busy, setBusy] = useState<number | null>(null);
  if (alert.steps.length === 0) return null;
  const mayTick = !kiosk && role !== undefined && may(role, 'handleAlerts') && alert.state !== 'resolved';
  return (
    <>
      <h3>{t('alerts.playbook')}</h3>
      <ol className="alert-detail__steps" data-testid="alert-steps">
        {alert.steps.map((step) => (
          <li key={step.step} data-step={step.step} data-done={step.doneBy !== null}>
            <label>
              <input
                type="checkbox"
                checked={step.doneBy !== null}
                disabled={!mayTick || step.doneBy !== null || busy !== null}
                onChange={async () => {
                  setBusy(step.step);
                  onAnswer(await tickAlertStep(alert.id, step.step));
                  setBusy(null);
                }}
              />
              <span>{step.text}</span>
            </label>
            {step.doneBy !== null && step.doneAt !== null && (
              <span className="alert-detail__done">{t('alerts.stepDone', { user: step.doneBy, time: formatClock(step.doneAt) })}</span>
            )}
          </li>
        ))}
      </ol>
    </>
  );
}

function History({ entries, t }: { entries: AlertHistoryEntry[]; t: Translate }) {
  return (
    <>
      <h3>{t('alerts.history')}</h3>
      <ol className="alert-detail__history" data-testid="alert-history">
        {historyLines(entries).map(({ entry, until, times }) => (
          <li key={entry.at + entry.action} data-action={entry.action}>
            <time>{formatClock(entry.at)}</time>
            {until !== null && (
              <>
                –<time>{formatClock(until)}</time>
              </>
            )}{' '}
            {t(HISTORY_NAMES[entry.action])}
            {times > 1 && ` ×${times}`}
            {typeof entry.detail['step'] === 'number' ? ` ${entry.detail['step']}` : ''} ·{' '}
            {entry.by === 'system' ? t('alerts.system') : entry.by}
            {entry.note !== null && <span className="alert-detail__note"> — {entry.note}</span>}
          </li>
        ))}
      </ol>
    </>
  );
}

export function AlertDetail({ id }: { id: number }) {
  const t = useT();
  const language = useLanguageStore((s) => s.language);
  // The pushed version's stamp: a change anywhere (another console, the engine) fetches again.
  const pushedAt = useAlertStore((s) => s.open.get(id)?.updatedAt ?? null);
  const [loaded, setLoaded] = useState<AlertAnswer<AlertWithHistory> | null>(null);
  const [refused, setRefused] = useState<string | null>(null);
  const [asked, setAsked] = useState(0);

  useEffect(() => {
    const abort = new AbortController();
    void fetchAlert(id, abort.signal).then((answer) => {
      if (!abort.signal.aborted) setLoaded(answer);
    });
    return () => abort.abort();
  }, [id, pushedAt, asked]);

  /** An action's answer: the changed alert into the store (the push may come later), or why not. */
  const onAnswer = (answer: AlertAnswer<Alert>) => {
    if (answer.ok) {
      setRefused(null);
      useAlertStore.getState().apply(answer.alert);
      setAsked((n) => n + 1);
    } else setRefused(answer.message);
  };

  if (loaded === null) return <p className="kpi__none">{t('alerts.loading')}</p>;
  if (!loaded.ok) return <p className="alert-detail__refused">{t('alerts.failed', { message: loaded.message })}</p>;
  const alert = loaded.alert;
  return (
    <article className="alert-detail" data-testid="alert-detail" data-alert-id={alert.id} data-state={alert.state}>
      <header className="alert-detail__header" style={{ borderColor: SEVERITY_COLOURS[alert.severity] }}>
        <h3>{alertTitle(alert, language, t)}</h3>
        <button type="button" className="alert-detail__close" onClick={() => useAlertStore.getState().select(null)}>
          {t('alerts.close')}
        </button>
      </header>
      <dl className="alert-detail__facts">
        <dt>{t(SEVERITY_NAMES[alert.severity])}</dt>
        <dd data-testid="alert-state">{t(`alertState.${alert.state}`)}</dd>
        <dt>{t('alerts.asset')}</dt>
        <dd>{alert.assetId}</dd>
        <dt>{t('alerts.raisedAt')}</dt>
        <dd>{formatClock(alert.raisedAt)}</dd>
        <dt>{t('alerts.count')}</dt>
        <dd>{alert.count}</dd>
        <dt>{t('alerts.acknowledgedBy')}</dt>
        <dd data-testid="alert-detail-acknowledged-by" data-user={alert.acknowledgedBy ?? ''}>
          {byAt(alert.acknowledgedBy, alert.acknowledgedAt, t)}
        </dd>
        <dt>{t('alerts.assignedTo')}</dt>
        <dd>{alert.assignedTo ?? t('alerts.nobody')}</dd>
        {alert.resolvedBy !== null && (
          <>
            <dt>{t('alerts.resolvedBy')}</dt>
            <dd>
              {byAt(alert.resolvedBy, alert.resolvedAt, t)}
              {alert.resolveNote !== null && ` — ${alert.resolveNote}`}
            </dd>
          </>
        )}
      </dl>
      <WhatWasSeen detail={alert.detail} t={t} />
      <AlertActions alert={alert} onAnswer={onAnswer} />
      {refused !== null && (
        <p className="alert-detail__refused" role="alert">
          {t('alerts.failed', { message: refused })}
        </p>
      )}
      <Playbook alert={alert} onAnswer={onAnswer} t={t} />
      <History entries={alert.history} t={t} />
    </article>
  );
}
