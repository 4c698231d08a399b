// One journey opened in the journey table: each stage the truck reached, when it got there and
// how long it stayed, with a bar against the longest, and where it came in and went out.
import type { Journey } from '@porttwin/contracts';
import { formatClock } from '../format-time';
import type { Translate } from '../i18n/use-language';
import { duration } from '../overlays/kpi-format';
import type { Dwell } from './journey-dwells';
import { STAGE_LABELS } from '../overlays/clearance-format';

export function JourneyTimeline({ journey, dwells, t }: { journey: Journey; dwells: readonly Dwell[]; t: Translate }) {
  const longest = Math.max(1, ...dwells.map((dwell) => dwell.sec ?? 0));
  const { arrived, departed } = journey.stages;
  return (
    <div className="journeys__timeline" data-testid="journey-timeline">
      <p className="journeys__ends">
        {t('journeys.cameIn', { time: arrived === null ? '–' : formatClock(arrived), lane: journey.inLane })}
        {journey.scanner !== null && <> · {t('journeys.scannedAt', { scanner: journey.scanner })}</>}
        {departed !== null && <> · {t('journeys.wentOut', { time: formatClock(departed), lane: journey.outLane ?? journey.inLane })}</>}
      </p>
      {dwells.length === 0 ? (
        <p className="kpi__none">{t('journeys.noStages')}</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th scope="col">{t('journeys.stage')}</th>
              <th scope="col">{t('journeys.stageStart')}</th>
              <th scope="col">{t('journeys.dwell')}</th>
              <th scope="col" aria-hidden="true" />
            </tr>
          </thead>
          <tbody>
            {dwells.map((dwell) => (
              <tr key={dwell.stage} data-stage={dwell.stage} data-sec={dwell.sec ?? ''}>
                <th scope="row">{t(STAGE_LABELS[dwell.stage])}</th>
                <td>{formatClock(dwell.start)}</td>
                <td>{dwell.sec === null ? t('journeys.stillThere') : duration(dwell.sec)}</td>
                <td className="journeys__bar-cell">
                  <span
                    className={`journeys__bar${dwell.sec === null ? ' journeys__bar--open' : ''}`}
                    style={{ width: `${Math.round(((dwell.sec ?? 0) / longest) * 100)}%` }}
                  />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
