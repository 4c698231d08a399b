// LIVE / STALE / OFFLINE, impossible to miss. The badge text is the state code itself, for people and tests.
import { useLinkStatus } from '../store/clock';
import { useConnectionStore } from '../store/connection';
import { useT } from '../i18n/use-language';

export function ConnectionBadge() {
  const status = useLinkStatus();
  const ingestLagMs = useConnectionStore((s) => s.ingestLagMs);
  const t = useT();
  const label = { LIVE: t('connection.live'), STALE: t('connection.stale'), OFFLINE: t('connection.offline') }[status.state];
  const seconds = status.ageMs === null ? null : Math.round(status.ageMs / 1000);
  return (
    <div className={`connection connection--${status.state.toLowerCase()}`} role="status" aria-live="polite">
      <span className="connection__badge" data-testid="connection-state" data-state={status.state} title={label}>
        {status.state}
      </span>
      {status.state !== 'LIVE' && seconds !== null && <span className="connection__age">{t('connection.staleFor', { seconds })}</span>}
      {status.state === 'LIVE' && ingestLagMs !== null && (
        <span className="connection__lag">{t('connection.ingestLag', { ms: Math.round(ingestLagMs) })}</span>
      )}
    </div>
  );
}
