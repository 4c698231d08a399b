// The KPI panel: per-lane and per-crane rates and the site totals for the latest minute. When the link is
// not LIVE the figures dim and say "as of" when they were last vouched for, so none looks current.
import type { CraneKpi, KpiSnapshot } from '@porttwin/contracts';
import { useKpiStore } from '../store/kpis';
import { useLinkStatus } from '../store/clock';
import { formatClock, formatMinute } from '../format-time';
import { useT, type Translate } from '../i18n/use-language';
import { queueLevel } from './queue-level';

const MINUTE_MS = 60_000;

function figure(value: number | null): string {
  return value === null || !Number.isFinite(value) ? '–' : String(Math.round(value));
}

function CraneTable({ title, cranes, t }: { title: string; cranes: readonly CraneKpi[]; t: Translate }) {
  if (cranes.length === 0) return null;
  return (
    <section className="kpi__group">
      <h3>{title}</h3>
      <table>
        <tbody>
          {cranes.map((crane) => (
            <tr key={crane.assetId}>
              <th scope="row">{crane.assetId}</th>
              <td className="kpi__value">{figure(crane.movesPerHour)}</td>
              <td className="kpi__unit">{t('kpi.movesPerHour')}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

function SiteTotals({ site, t }: { site: KpiSnapshot['site']; t: Translate }) {
  const tiles: [string, number][] = [
    [t('kpi.siteTrucks'), site.trucksPerHour],
    [t('kpi.siteGateQueue'), site.gateQueue],
    [t('kpi.siteQuayMoves'), site.quayMovesPerHour],
    [t('kpi.siteYardMoves'), site.yardMovesPerHour],
  ];
  return (
    <section className="kpi__totals" aria-label={t('kpi.site')}>
      {tiles.map(([label, value]) => (
        <div key={label} className="kpi__tile">
          <span className="kpi__tile-value">{figure(value)}</span>
          <span className="kpi__tile-label">{label}</span>
        </div>
      ))}
    </section>
  );
}

export function KpiPanel() {
  const kpis = useKpiStore((s) => s.kpis);
  const link = useLinkStatus();
  const t = useT();
  const live = link.state === 'LIVE';
  return (
    <aside className={`kpi ${live ? 'kpi--live' : 'kpi--stale'}`} data-testid="kpi-panel" data-live={live}>
      <header className="kpi__header">
        <h2>{t('kpi.heading')}</h2>
        {kpis && (
          <span className="kpi__minute">{t('kpi.minute', { from: formatMinute(kpis.at - MINUTE_MS), to: formatMinute(kpis.at) })}</span>
        )}
        {!live && (
          <span className="kpi__as-of" data-testid="kpi-as-of">
            {t('kpi.asOf', { time: link.asOf === null ? '–' : formatClock(link.asOf) })}
          </span>
        )}
      </header>
      {kpis === null ? (
        <p className="kpi__none">{t('kpi.none')}</p>
      ) : (
        <div className="kpi__body">
          <SiteTotals site={kpis.site} t={t} />
          {kpis.gateLanes.length > 0 && (
            <section className="kpi__group">
              <h3>{t('kpi.gateLanes')}</h3>
              <table>
                <tbody>
                  {kpis.gateLanes.map((lane) => (
                    <tr key={lane.assetId}>
                      <th scope="row">{lane.assetId}</th>
                      <td className="kpi__value">{figure(lane.trucksPerHour)}</td>
                      <td className="kpi__unit">{t('kpi.trucksPerHour')}</td>
                      <td className={`kpi__value kpi__queue kpi__queue--${queueLevel(lane.queueLength, true)}`}>
                        {figure(lane.queueLength)}
                      </td>
                      <td className="kpi__unit">{t('kpi.queue')}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </section>
          )}
          <CraneTable title={t('kpi.quayCranes')} cranes={kpis.quayCranes} t={t} />
          <CraneTable title={t('kpi.yardCranes')} cranes={kpis.yardCranes} t={t} />
        </div>
      )}
    </aside>
  );
}
