// The wall's clearance band, read from across the room: the last hour's turn time, the
// bottleneck (or a calm "no bottleneck"), and the gate's next hour — arrivals against capacity
// and the lane advice, written from its fields in the wall's language. Greyed, and saying
// "as of", when the link is not LIVE.
import { memo } from 'react';
import type { ClearanceReport, Forecast } from '@porttwin/contracts';
import { useClearanceStore } from '../store/clearance';
import { useLinkStatus } from '../store/clock';
import { formatClock, formatMinute } from '../format-time';
import { useT, type Translate } from '../i18n/use-language';
import { overallByStage, spokenDuration, STAGE_LABELS } from './clearance-format';
import { adviceText } from './forecast-advice';
import { duration, wholeNumber } from './kpi-format';

function Turn({ report, t }: { report: ClearanceReport | null; t: Translate }) {
  const turn = report ? overallByStage(report).get('turn') : undefined;
  return (
    <div className="wall-strip__cell wall-strip__turn" data-testid="wall-turn" data-mean-sec={turn?.meanSec ?? ''}>
      <span className="wall-strip__label">{t('wall.turn')}</span>
      <span className="wall-strip__figure">{duration(turn?.meanSec)}</span>
      <span className="wall-strip__detail wall-strip__muted">{t('wall.lastHour')}</span>
    </div>
  );
}

function BottleneckCell({ report, t }: { report: ClearanceReport | null; t: Translate }) {
  const bottleneck = report?.bottleneck ?? null;
  return (
    <div
      className={`wall-strip__cell wall-strip__bottleneck wall-strip__bottleneck--${bottleneck ? 'alarm' : 'calm'}`}
      data-testid="wall-bottleneck"
      data-stage={bottleneck?.stage ?? ''}
      data-asset={bottleneck?.assetId ?? ''}
    >
      <span className="wall-strip__label">{t('wall.bottleneck')}</span>
      {report === null ? (
        <span className="wall-strip__figure">–</span>
      ) : bottleneck === null ? (
        <span className="wall-strip__figure">{t('wall.noBottleneck')}</span>
      ) : (
        <>
          <span className="wall-strip__figure">
            {bottleneck.assetId && <span className="wall-strip__phrase">{bottleneck.assetId}</span>}{' '}
            <span className="wall-strip__phrase">{t(STAGE_LABELS[bottleneck.stage])}</span>
          </span>
          <span className="wall-strip__detail">
            <strong>{spokenDuration(bottleneck.dwellSec, t)}</strong> ·{' '}
            {t('wall.usual', { usual: spokenDuration(bottleneck.baselineSec, t) })}
          </span>
        </>
      )}
    </div>
  );
}

function ForecastCell({ forecast, t }: { forecast: Forecast | null; t: Translate }) {
  if (forecast === null) {
    return (
      <div className="wall-strip__cell wall-strip__forecast" data-testid="wall-forecast">
        <span className="wall-strip__label">{t('wall.forecast')}</span>
        <span className="wall-strip__detail">{t('wall.noForecast')}</span>
      </div>
    );
  }
  const { buckets } = forecast.site;
  const arrivals = buckets.reduce((sum, bucket) => sum + bucket.arrivals, 0);
  const capacity = buckets.reduce((sum, bucket) => sum + bucket.capacity, 0);
  const worstWaitSec = Math.max(0, ...buckets.map((bucket) => bucket.expectedWaitSec));
  return (
    <div className="wall-strip__cell wall-strip__forecast" data-testid="wall-forecast" data-action={forecast.advice.action}>
      <span className="wall-strip__label">{t('wall.forecast')}</span>
      <span className="wall-strip__detail">
        {/* The separator stays with the phrase before it, so no line starts with one. */}
        <span className="wall-strip__phrase">
          {t(wholeNumber(arrivals) === '1' ? 'wall.expectedOne' : 'wall.expected', {
            arrivals: wholeNumber(arrivals),
            capacity: wholeNumber(capacity),
          })}{' '}
          ·
        </span>{' '}
        <span className="wall-strip__phrase">{t('wall.expectedWait', { wait: spokenDuration(worstWaitSec, t) })}</span>
      </span>
      <span className="wall-strip__quarters">
        {buckets.map((bucket) => (
          <span
            key={bucket.start}
            className={`wall-strip__quarter${bucket.arrivals > bucket.capacity ? ' wall-strip__quarter--over' : ''}`}
          >
            <span className="wall-strip__quarter-time">{formatMinute(bucket.start)}</span> {wholeNumber(bucket.arrivals)}/
            {wholeNumber(bucket.capacity)}
          </span>
        ))}
      </span>
      <span className={`wall-strip__advice wall-strip__advice--${forecast.advice.action}`} data-testid="wall-advice">
        {adviceText(forecast, t)}
      </span>
    </div>
  );
}

/** Re-renders when a report arrives (once a minute) or the language changes, never per asset push. */
const StripBody = memo(function StripBody({ report, forecast }: { report: ClearanceReport | null; forecast: Forecast | null }) {
  const t = useT();
  return (
    <div className="wall-strip__body">
      <Turn report={report} t={t} />
      <BottleneckCell report={report} t={t} />
      <ForecastCell forecast={forecast} t={t} />
    </div>
  );
});

export function WallClearanceStrip() {
  const report = useClearanceStore((s) => s.clearance);
  const forecast = useClearanceStore((s) => s.forecast);
  const link = useLinkStatus();
  const t = useT();
  const live = link.state === 'LIVE';
  return (
    <section
      className={`wall-strip ${live ? 'wall-strip--live' : 'wall-strip--stale'}`}
      data-testid="wall-clearance-strip"
      data-live={live}
      data-from={report?.from ?? ''}
      data-to={report?.to ?? ''}
    >
      {!live && (
        <span className="wall-strip__as-of" data-testid="wall-strip-as-of">
          {t('kpi.asOf', { time: link.asOf === null ? '–' : formatClock(link.asOf) })}
        </span>
      )}
      <StripBody report={report} forecast={forecast} />
    </section>
  );
}
