// The ships alongside: moves done against the stowage plan, as a bar per berth.
import type { BerthKpi } from '@porttwin/contracts';
import type { Translate } from '../i18n/use-language';
import { percent } from './kpi-format';

export function VesselProgress({ berths, t }: { berths: readonly BerthKpi[]; t: Translate }) {
  const alongside = berths.filter((berth) => berth.vessel !== null);
  if (alongside.length === 0) return null;
  return (
    <section className="kpi__group" data-testid="kpi-vessels">
      <h3>{t('kpi.vessels')}</h3>
      {alongside.map(({ berth, vessel }) => (
        <div key={berth} className="kpi__vessel" data-berth={berth}>
          <div className="kpi__vessel-line">
            <span>
              {berth} · {vessel!.voyage}
            </span>
            <span className="kpi__unit">
              {vessel!.movesPlanned === null
                ? t('kpi.vesselMovesUnplanned', { done: vessel!.movesDone })
                : t('kpi.vesselMoves', { done: vessel!.movesDone, planned: vessel!.movesPlanned })}
            </span>
            <span className="kpi__value">{percent(vessel!.progress)}</span>
          </div>
          <div className="kpi__bar">
            <div className="kpi__bar-fill" style={{ width: `${Math.round((vessel!.progress ?? 0) * 100)}%` }} />
          </div>
        </div>
      ))}
    </section>
  );
}
