// The site's KPIs against the targets file: each value beside its target, marked met or missed.
import type { KpiAgainstTarget } from '@porttwin/contracts';
import type { Translate } from '../i18n/use-language';
import { kpiValue } from './kpi-format';

export function KpiTargets({ targets, t }: { targets: readonly KpiAgainstTarget[]; t: Translate }) {
  if (targets.length === 0) return null;
  return (
    <section className="kpi__group" data-testid="kpi-targets">
      <h3>{t('kpi.targets')}</h3>
      <table>
        <tbody>
          {targets.map((row) => {
            const state = row.met === null ? 'unknown' : row.met ? 'met' : 'missed';
            return (
              <tr key={row.kpi} className={`kpi__target kpi__target--${state}`} data-kpi={row.kpi} data-met={String(row.met)}>
                <th scope="row">{t(`kpiName.${row.kpi}`)}</th>
                <td className="kpi__value">{kpiValue(row.kpi, row.value)}</td>
                <td className="kpi__unit">
                  {t('kpi.target', { target: `${row.better === 'higher' ? '≥' : '≤'} ${kpiValue(row.kpi, row.target)}` })}
                </td>
                <td className="kpi__mark" aria-label={row.met === null ? '' : t(row.met ? 'kpi.met' : 'kpi.missed')}>
                  {row.met === null ? '' : row.met ? '✓' : '✗'}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </section>
  );
}
