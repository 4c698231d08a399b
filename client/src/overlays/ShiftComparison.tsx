// This shift so far against the same hours of the same shift yesterday.
import type { ShiftComparison as Shift } from '@porttwin/contracts';
import { formatMinute } from '../format-time';
import type { MessageKey } from '../i18n/strings';
import type { Translate } from '../i18n/use-language';
import { duration, wholeNumber } from './kpi-format';

// The usual names are translated; any other the targets file gives is shown as written.
const KNOWN_SHIFTS: Record<string, MessageKey> = { day: 'shiftName.day', night: 'shiftName.night' };
const shiftName = (name: string, t: Translate) => (KNOWN_SHIFTS[name] ? t(KNOWN_SHIFTS[name]) : name);

export function ShiftComparison({ shift, t }: { shift: Shift; t: Translate }) {
  const rows: [MessageKey, string, string][] = [
    ['kpi.shiftTrucks', wholeNumber(shift.current.trucksAdmitted), wholeNumber(shift.yesterday.trucksAdmitted)],
    ['kpi.shiftQuayMoves', wholeNumber(shift.current.quayMoves), wholeNumber(shift.yesterday.quayMoves)],
    ['kpi.shiftYardMoves', wholeNumber(shift.current.yardMoves), wholeNumber(shift.yesterday.yardMoves)],
    ['kpi.shiftScans', wholeNumber(shift.current.scans), wholeNumber(shift.yesterday.scans)],
    ['kpi.shiftGateWait', duration(shift.current.gateWaitSec), duration(shift.yesterday.gateWaitSec)],
    ['kpi.shiftTurn', duration(shift.current.turnSec), duration(shift.yesterday.turnSec)],
  ];
  return (
    <section className="kpi__group" data-testid="kpi-shift">
      <h3>{t('kpi.shift', { shift: shiftName(shift.name, t), start: formatMinute(shift.start) })}</h3>
      <table>
        <thead>
          <tr>
            <th />
            <th className="kpi__unit">{t('kpi.shiftNow')}</th>
            <th className="kpi__unit">{t('kpi.shiftYesterday')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map(([label, now, yesterday]) => (
            <tr key={label}>
              <th scope="row">{t(label)}</th>
              <td className="kpi__value">{now}</td>
              <td className="kpi__value kpi__value--then">{yesterday}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
