// The KPI panel: the live KPIs over their window (labelled with it), the site against its
// targets, this shift against yesterday, then lanes, ships, scanners and cranes. When the
// link is not LIVE the figures dim and say "as of" when they were last vouched for, so none
// looks current.
import type { CraneKpi, KpiSnapshot } from '@porttwin/contracts';
import { useKpiStore } from '../store/kpis';
import { useLinkStatus } from '../store/clock';
import { formatClock, formatMinute } from '../format-time';
import { useT, type Translate } from '../i18n/use-language';
import { duration, percent, wholeNumber } from './kpi-format';
import { KpiTargets } from './KpiTargets';
import { queueLevel } from './queue-level';
import { ShiftComparison } from './ShiftComparison';
import { VesselProgress } from './VesselProgress';

function CraneTable({ title, cranes, t }: { title: string; cranes: readonly CraneKpi[]; t: Translate }) {
  if (cranes.length === 0) return null;
  return (
    <section className="kpi__group kpi__group--assets">
      <h3>{title}</h3>
      <table>
        <tbody>
          {cranes.map((crane) => (
            <tr key={crane.assetId}>
              <th scope="row">{crane.assetId}</th>
              <td className="kpi__value">{wholeNumber(crane.movesPerHour)}</td>
              <td className="kpi__unit">{t('kpi.movesPerHour')}</td>
              <td className="kpi__value">{percent(crane.utilisation)}</td>
              <td className="kpi__unit">{t('kpi.busy')}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

function SiteTotals({ site, t }: { site: KpiSnapshot['site']; t: Translate }) {
  const tiles: [string, string, string][] = [
    ['trucks', t('kpi.siteTrucks'), wholeNumber(site.trucksPerHour)],
    ['gate-queue', t('kpi.siteGateQueue'), wholeNumber(site.gateQueue)],
    ['gate-wait', t('kpi.siteGateWait'), duration(site.gateWaitSec)],
    ['turn', t('kpi.siteTurn'), duration(site.turnSec)],
    ['quay-moves', t('kpi.siteQuayMoves'), wholeNumber(site.quayMovesPerHour)],
    ['berths', t('kpi.siteBerths'), percent(site.berthUtilisation)],
  ];
  return (
    <section className="kpi__totals" aria-label={t('kpi.site')}>
      {tiles.map(([id, label, value]) => (
        <div key={id} className="kpi__tile" data-tile={id}>
          <span className="kpi__tile-value">{value}</span>
          <span className="kpi__tile-label">{label}</span>
        </div>
      ))}
    </section>
  );
}

function GateLanes({ lanes, t }: { lanes: KpiSnapshot['gateLanes']; t: Translate }) {
  if (lanes.length === 0) return null;
  return (
    <section className="kpi__group kpi__group--assets">
      <h3>{t('kpi.gateLanes')}</h3>
      <table>
        <tbody>
          {lanes.map((lane) => (
            <tr key={lane.assetId} data-lane={lane.assetId} className={lane.open === false ? 'kpi__lane--closed' : undefined}>
              <th scope="row">{lane.assetId}</th>
              <td className="kpi__value">{wholeNumber(lane.trucksPerHour)}</td>
              <td className="kpi__unit">{t('kpi.trucksPerHour')}</td>
              <td className={`kpi__value kpi__queue kpi__queue--${queueLevel(lane.queueLength, true)}`}>{wholeNumber(lane.queueLength)}</td>
              <td className="kpi__unit">{t('kpi.queue')}</td>
              <td className="kpi__value" data-wait>
                {lane.open === false ? t('kpi.closed') : duration(lane.waitSec)}
              </td>
              <td className="kpi__unit">{t('kpi.wait')}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

function Scanners({ scanners, t }: { scanners: KpiSnapshot['scanners']; t: Translate }) {
  if (scanners.length === 0) return null;
  return (
    <section className="kpi__group kpi__group--assets">
      <h3>{t('kpi.scanners')}</h3>
      <table>
        <tbody>
          {scanners.map((scanner) => (
            <tr key={scanner.assetId}>
              <th scope="row">{scanner.assetId}</th>
              <td className="kpi__value">{wholeNumber(scanner.scansPerHour)}</td>
              <td className="kpi__unit">{t('kpi.scansPerHour')}</td>
              <td className="kpi__value">{duration(scanner.waitSec)}</td>
              <td className="kpi__unit">{t('kpi.wait')}</td>
              <td className="kpi__value">{percent(scanner.utilisation)}</td>
              <td className="kpi__unit">{t('kpi.busy')}</td>
            </tr>
          ))}
        </tbody>
      </table>
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
          <span className="kpi__minute" data-testid="kpi-window" data-from={kpis.from} data-to={kpis.at}>
            {t('kpi.window', { minutes: kpis.windowMinutes, from: formatMinute(kpis.from), to: formatMinute(kpis.at) })}
          </span>
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
          <KpiTargets targets={kpis.targets} t={t} />
          <ShiftComparison shift={kpis.shift} t={t} />
          <GateLanes lanes={kpis.gateLanes} t={t} />
          <VesselProgress berths={kpis.berths} t={t} />
          <Scanners scanners={kpis.scanners} t={t} />
          <CraneTable title={t('kpi.quayCranes')} cranes={kpis.quayCranes} t={t} />
          <CraneTable title={t('kpi.yardCranes')} cranes={kpis.yardCranes} t={t} />
        </div>
      )}
    </aside>
  );
}
