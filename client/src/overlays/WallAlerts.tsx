// The wall's critical alerts (issue 10): a banner, readable from 5 m, for every critical alert
// nobody has acknowledged yet — gone as soon as someone does — and the alarm tone. The tone is
// muted until a person presses the button (browsers allow sound only after a gesture); then it
// sounds when such an alert is raised or seen again, and every half minute while one is left.
// When the link is not live the banner is greyed: it may be out of date either way.
import { useEffect, useMemo, useRef, useState } from 'react';
import { useLanguageStore, useT } from '../i18n/use-language';
import { byUrgency, useAlertStore } from '../store/alerts';
import { useClockStore, useLinkStatus } from '../store/clock';
import { useConnectionStore } from '../store/connection';
import { alertAge, alertTitle } from './alert-format';
import { alarmDue, type AlarmHeard, alarmKeys, nothingHeard } from './alarm-policy';
import { createAlarmTone } from './alarm-tone';
/** Lines the banner shows before "+N more": each must stay readable across the room. */
const LINES = 2;

function AlarmButton({ enabled, onToggle, tones }: { enabled: boolean; onToggle: () => void; tones: number }) {
  const t = useT();
  return (
    <button
      type="button"
      className={`wall-alarm${enabled ? ' wall-alarm--on' : ''}`}
      data-testid="alarm-sound"
      data-enabled={enabled}
      data-tones={tones}
      aria-pressed={enabled}
      onClick={onToggle}
    >
      {t(enabled ? 'wall.soundOn' : 'wall.soundEnable')}
    </button>
  );
}

export function WallAlerts() {
  const t = useT();
  const language = useLanguageStore((s) => s.language);
  const open = useAlertStore((s) => s.open);
  const now = useClockStore((s) => s.now);
  const offset = useConnectionStore((s) => s.serverOffsetMs);
  // Alerts are only as current as the link: a banner that may be out of date is greyed, not red.
  const live = useLinkStatus().state === 'LIVE';
  const unacknowledged = useMemo(() => byUrgency(open.values()).filter((a) => a.severity === 'critical' && a.state === 'raised'), [open]);

  const tone = useMemo(() => createAlarmTone(), []);
  const [enabled, setEnabled] = useState(false);
  const [tones, setTones] = useState(0);
  const heard = useRef<AlarmHeard>(nothingHeard);

  const keys = alarmKeys(unacknowledged).join(',');
  useEffect(() => {
    if (!enabled) return;
    const due = alarmDue(keys === '' ? [] : keys.split(','), heard.current, now);
    if (due === null) return;
    heard.current = due;
    tone.sound();
    setTones((n) => n + 1);
  }, [enabled, keys, now, tone]);

  const toggle = async () => {
    if (enabled) {
      tone.disable();
      setEnabled(false);
      return;
    }
    // Sound now for what is already up: the person pressing it should hear it works.
    heard.current = nothingHeard;
    setEnabled(await tone.enable());
  };

  return (
    <div className="wall-alerts">
      {unacknowledged.length > 0 && (
        <div
          className="wall-alerts__banner"
          role="alert"
          data-testid="wall-alert-banner"
          data-alert-ids={unacknowledged.map((a) => a.id).join(',')}
        >
          <span className="wall-alerts__label">{t('wall.criticalAlert')}</span>
          <ul>
            {unacknowledged.slice(0, LINES).map((alert) => (
              <li key={alert.id} data-alert-id={alert.id}>
                <strong>{alertTitle(alert, language, t)}</strong>
                <span className="wall-alerts__where">
                  {alert.assetId} · {alertAge(alert.raisedAt, now + offset, t)}
                  {alert.count > 1 && ` · ×${alert.count}`}
                </span>
              </li>
            ))}
          </ul>
          {unacknowledged.length > LINES && (
            <span className="wall-alerts__more">{t('wall.moreAlerts', { count: unacknowledged.length - LINES })}</span>
          )}
        </div>
      )}
      <AlarmButton enabled={enabled} tones={tones} onToggle={() => void toggle()} />
    </div>
  );
}
