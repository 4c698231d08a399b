// What the reader's role may do to an alert (contracts' MAY): operators and supervisors
// acknowledge a raised alert; supervisors assign it to a user and resolve it with a note.
// Viewers and wall screens get no buttons (the server would answer 403 anyway).
import type { Alert } from '@porttwin/contracts';
import { may } from '@porttwin/contracts';
import { type FormEvent, useState } from 'react';
import { useT } from '../i18n/use-language';
import { acknowledgeAlert, type AlertAnswer, assignAlert, resolveAlert } from '../net/alerts-api';
import { useAuthStore } from '../store/auth';

export function AlertActions({ alert, onAnswer }: { alert: Alert; onAnswer: (answer: AlertAnswer<Alert>) => void }) {
  const t = useT();
  const role = useAuthStore((s) => s.user?.role);
  const kiosk = useAuthStore((s) => s.kiosk);
  const [assignee, setAssignee] = useState('');
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  if (kiosk || role === undefined || alert.state === 'resolved') return null;
  const mayAcknowledge = may(role, 'acknowledgeAlerts') && alert.state === 'raised';
  const mayHandle = may(role, 'handleAlerts');
  if (!may(role, 'acknowledgeAlerts')) return <p className="kpi__none">{t('alerts.viewOnly')}</p>;

  const act = async (action: () => Promise<AlertAnswer<Alert>>, then?: () => void) => {
    setBusy(true);
    const answer = await action();
    setBusy(false);
    onAnswer(answer);
    if (answer.ok) then?.();
  };
  const submit = (event: FormEvent, action: () => Promise<AlertAnswer<Alert>>, then: () => void) => {
    event.preventDefault();
    void act(action, then);
  };

  return (
    <div className="alert-actions" data-testid="alert-actions">
      {mayAcknowledge && (
        <button
          type="button"
          className="alert-actions__ack"
          data-testid="alert-acknowledge"
          disabled={busy}
          onClick={() => void act(() => acknowledgeAlert(alert.id))}
        >
          {t('alerts.acknowledge')}
        </button>
      )}
      {mayHandle && (
        <>
          <form
            className="alert-actions__form"
            onSubmit={(event) =>
              submit(
                event,
                () => assignAlert(alert.id, assignee.trim()),
                () => setAssignee(''),
              )
            }
          >
            <input
              name="assignee"
              value={assignee}
              placeholder={t('alerts.assignee')}
              aria-label={t('alerts.assignee')}
              onChange={(event) => setAssignee(event.target.value)}
            />
            <button type="submit" data-testid="alert-assign" disabled={busy || assignee.trim() === ''}>
              {t('alerts.assign')}
            </button>
          </form>
          <form
            className="alert-actions__form"
            onSubmit={(event) =>
              submit(
                event,
                () => resolveAlert(alert.id, note.trim()),
                () => setNote(''),
              )
            }
          >
            <input
              name="resolve-note"
              value={note}
              placeholder={t('alerts.resolveNote')}
              aria-label={t('alerts.resolveNote')}
              maxLength={2000}
              onChange={(event) => setNote(event.target.value)}
            />
            <button type="submit" data-testid="alert-resolve" disabled={busy || note.trim() === ''}>
              {t('alerts.resolve')}
            </button>
          </form>
        </>
      )}
    </div>
  );
}
