// The laptop's "Forecast" tab: the next hour at the inbound gate as the server pushes it once a
// minute (GET /api/forecast's shape; docs/forecast.md). The advice first, in the reader's
// language; then arrivals per quarter against what the open lanes can serve, the expected wait
// against its target, the figures behind both charts, and each inbound lane. When the link is
// not LIVE everything dims under an "as of" label, as the KPI panel does.
import type { Forecast } from '@porttwin/contracts';
import { lazy, memo, Suspense, useMemo } from 'react';
import { formatClock, formatMinute } from '../format-time';
import type { Language } from '../i18n/strings';
import { useLanguageStore, useT, type Translate } from '../i18n/use-language';
import { useClearanceStore } from '../store/clearance';
import { useLinkStatus } from '../store/clock';
import { spokenDuration } from './clearance-format';
import { adviceText, expectedTrucks } from './forecast-advice';
import type { ChartSeries } from './ForecastChart';
import { duration, wholeNumber } from './kpi-format';

// uPlot comes with the tab, not with the sign-in page.
const ForecastChart = lazy(() => import('./ForecastChart'));

const COLOURS = { arrivals: '#38bdf8', capacity: '#4ade80', wait: '#fbbf24', target: '#f87171' };
const worst = (values: readonly number[]) => Math.max(0, ...values);

function Legend({ items }: { items: { colour: string; label: string; dashed?: boolean; bar?: boolean }[] }) {
  return (
    <ul className="forecast__legend">
      {items.map((item) => (
        <li key={item.label}>
          <span
            className={`forecast__swatch${item.bar ? ' forecast__swatch--bar' : ''}${item.dashed ? ' forecast__swatch--dashed' : ''}`}
            style={{ color: item.colour }}
          />
          {item.label}
        </li>
      ))}
    </ul>
  );
}

function Charts({ forecast, t }: { forecast: Forecast; t: Translate }) {
  const buckets = forecast.site.buckets;
  const starts = useMemo(() => buckets.map((bucket) => bucket.start), [buckets]);
  const load = useMemo<ChartSeries[]>(
    () => [
      { name: 'arrivals', colour: COLOURS.arrivals, style: 'bars', values: buckets.map((bucket) => bucket.arrivals) },
      { name: 'capacity', colour: COLOURS.capacity, style: 'level', values: buckets.map((bucket) => bucket.capacity) },
    ],
    [buckets],
  );
  const waits = useMemo<ChartSeries[]>(
    () => [
      { name: 'wait', colour: COLOURS.wait, style: 'bars', values: buckets.map((bucket) => bucket.expectedWaitSec / 60) },
      { name: 'target', colour: COLOURS.target, style: 'dashed-level', values: buckets.map(() => forecast.targetWaitSec / 60) },
    ],
    [buckets, forecast.targetWaitSec],
  );
  const bucketMs = forecast.bucketMinutes * 60_000;
  const targetMin = forecast.targetWaitSec / 60;
  return (
    <Suspense fallback={<div className="forecast__chart forecast__chart--loading" />}>
      <section className="forecast__figure">
        <h3>{t('forecast.arrivalsChart')}</h3>
        <ForecastChart
          testId="forecast-chart-arrivals"
          label={t('forecast.arrivalsChart')}
          starts={starts}
          bucketMs={bucketMs}
          series={load}
          formatY={(value) => wholeNumber(value)}
          height={150}
        />
        <Legend
          items={[
            { colour: COLOURS.arrivals, label: t('forecast.arrivals'), bar: true },
            { colour: COLOURS.capacity, label: t('forecast.capacity') },
          ]}
        />
      </section>
      <section className="forecast__figure">
        <h3>{t('forecast.waitChart')}</h3>
        <ForecastChart
          testId="forecast-chart-wait"
          label={t('forecast.waitChart')}
          starts={starts}
          bucketMs={bucketMs}
          series={waits}
          formatY={(value) => wholeNumber(value)}
          // A wait far past the target (no lane open: "a day") would flatten the rest.
          yCeiling={Math.max(targetMin * 3, 1)}
          height={110}
        />
        <Legend
          items={[
            { colour: COLOURS.wait, label: t('forecast.expectedWait'), bar: true },
            {
              colour: COLOURS.target,
              label: t('forecast.targetWait', { target: spokenDuration(forecast.targetWaitSec, t) }),
              dashed: true,
            },
          ]}
        />
      </section>
    </Suspense>
  );
}

function Quarters({ forecast, t }: { forecast: Forecast; t: Translate }) {
  return (
    <table className="forecast__table" data-testid="forecast-buckets">
      <thead>
        <tr>
          <th scope="col">{t('forecast.quarter')}</th>
          <th scope="col">{t('forecast.arrive')}</th>
          <th scope="col">{t('forecast.capacityShort')}</th>
          <th scope="col">{t('forecast.queue')}</th>
          <th scope="col">{t('forecast.wait')}</th>
        </tr>
      </thead>
      <tbody>
        {forecast.site.buckets.map((bucket) => (
          <tr
            key={bucket.start}
            data-start={bucket.start}
            className={bucket.expectedWaitSec > forecast.targetWaitSec ? 'forecast__over' : undefined}
          >
            <th scope="row">{formatMinute(bucket.start)}</th>
            <td data-arrivals={bucket.arrivals}>{expectedTrucks(bucket.arrivals)}</td>
            <td data-capacity={bucket.capacity}>{wholeNumber(bucket.capacity)}</td>
            <td>{expectedTrucks(bucket.expectedQueue)}</td>
            <td>{duration(bucket.expectedWaitSec)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function Lanes({ forecast, t }: { forecast: Forecast; t: Translate }) {
  return (
    <section className="kpi__group">
      <h3>{t('forecast.lanes')}</h3>
      <table className="forecast__table" data-testid="forecast-lanes">
        <thead>
          <tr>
            <th scope="col">{t('forecast.lane')}</th>
            <th scope="col">{t('forecast.arrive')}</th>
            <th scope="col">{t('forecast.servicePerHour')}</th>
            <th scope="col">{t('forecast.worstWait')}</th>
          </tr>
        </thead>
        <tbody>
          {forecast.lanes.map((lane) => {
            const arrivals = lane.buckets.reduce((total, bucket) => total + bucket.arrivals, 0);
            return (
              <tr key={lane.assetId} data-lane={lane.assetId} className={lane.open ? undefined : 'kpi__lane--closed'}>
                <th scope="row">{lane.assetId}</th>
                <td>{expectedTrucks(arrivals)}</td>
                <td>{wholeNumber(lane.serviceRatePerHour)}</td>
                <td>{lane.open ? duration(worst(lane.buckets.map((bucket) => bucket.expectedWaitSec))) : t('kpi.closed')}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </section>
  );
}

function Body({ forecast, t }: { forecast: Forecast; t: Translate; language: Language }) {
  const { site, advice } = forecast;
  const arrivals = site.buckets.reduce((total, bucket) => total + bucket.arrivals, 0);
  const longest = worst(site.buckets.map((bucket) => bucket.expectedWaitSec));
  return (
    <div className="kpi__body forecast__body">
      <p className={`forecast__advice forecast__advice--${advice.action}`} data-testid="forecast-advice" data-action={advice.action}>
        {adviceText(forecast, t)}
      </p>
      <section className="forecast__tiles">
        <div className="kpi__tile" data-tile="lanes">
          <span className="kpi__tile-value" data-testid="forecast-lanes-open">
            {site.lanesOpen} / {site.lanesTotal}
          </span>
          <span className="kpi__tile-label">{t('forecast.lanesOpen')}</span>
        </div>
        <div className="kpi__tile" data-tile="arrivals">
          <span className="kpi__tile-value">{wholeNumber(arrivals)}</span>
          <span className="kpi__tile-label">{t('forecast.arrivalsHour')}</span>
        </div>
        <div className={`kpi__tile ${longest > forecast.targetWaitSec ? 'forecast__tile--over' : ''}`} data-tile="wait">
          <span className="kpi__tile-value">{duration(longest)}</span>
          <span className="kpi__tile-label">{t('forecast.worstWait')}</span>
        </div>
      </section>
      <Charts forecast={forecast} t={t} />
      <Quarters forecast={forecast} t={t} />
      <Lanes forecast={forecast} t={t} />
    </div>
  );
}

// The link status re-renders the panel every second; the body (and its charts) only when the
// forecast or the language changes.
const ForecastBody = memo(Body, (before, after) => before.forecast === after.forecast && before.language === after.language);

export function ForecastPanel() {
  const forecast = useClearanceStore((s) => s.forecast);
  const language = useLanguageStore((s) => s.language);
  const link = useLinkStatus();
  const t = useT();
  const live = link.state === 'LIVE';
  return (
    <aside
      className={`kpi forecast ${live ? 'kpi--live' : 'kpi--stale'}`}
      data-testid="forecast-panel"
      data-live={live}
      data-at={forecast?.at}
    >
      <header className="kpi__header">
        <h2>{t('forecast.heading')}</h2>
        {forecast && (
          <span className="kpi__minute" data-testid="forecast-made">
            {t('forecast.madeAt', { time: formatMinute(forecast.at) })}
          </span>
        )}
        {!live && (
          <span className="kpi__as-of" data-testid="forecast-as-of">
            {t('kpi.asOf', { time: link.asOf === null ? '–' : formatClock(link.asOf) })}
          </span>
        )}
      </header>
      {forecast === null ? (
        <p className="kpi__none">{t('forecast.none')}</p>
      ) : (
        <ForecastBody forecast={forecast} t={t} language={language} />
      )}
    </aside>
  );
}
