// The forecast's lane advice in the reader's language, written from its fields (action, lanes,
// by, expected wait) rather than the server's English sentence, with times in browser time as
// the rest of the console shows them.
import type { Forecast } from '@porttwin/contracts';
import { formatMinute } from '../format-time';
import type { Translate } from '../i18n/use-language';
import { duration } from './kpi-format';

/** A target wait in whole minutes: "10 min". */
export function targetMinutes(targetWaitSec: number, t: Translate): string {
  return t('forecast.minutes', { minutes: Math.max(1, Math.round(targetWaitSec / 60)) });
}

/** "Open 2 more inbound lanes by 10:30 to keep the wait under 10 min", and the other cases. */
export function adviceText(forecast: Pick<Forecast, 'advice' | 'targetWaitSec'>, t: Translate): string {
  const { advice, targetWaitSec } = forecast;
  const target = targetMinutes(targetWaitSec, t);
  const wait = duration(advice.expectedWaitSec);
  const one = advice.lanes === 1;
  switch (advice.action) {
    case 'open': {
      const by = advice.by === null ? '–' : formatMinute(advice.by);
      // With every lane the model has, the wait may still break the target: say so, not "keeps".
      if (advice.expectedWaitSec > targetWaitSec) {
        return t(one ? 'forecast.adviceOpenOneShort' : 'forecast.adviceOpenShort', { lanes: advice.lanes, by, wait });
      }
      return t(one ? 'forecast.adviceOpenOne' : 'forecast.adviceOpen', { lanes: advice.lanes, by, target });
    }
    case 'close':
      return t(one ? 'forecast.adviceCloseOne' : 'forecast.adviceClose', { lanes: advice.lanes, wait });
    case 'hold':
      // Hold with the wait over target: every inbound lane is already open.
      return advice.expectedWaitSec > targetWaitSec ? t('forecast.adviceAllOpen', { wait }) : t('forecast.adviceHold', { target });
  }
}

/** Expected trucks in a quarter: one decimal while small, so 0.4 does not read as none. */
export function expectedTrucks(value: number): string {
  if (!Number.isFinite(value)) return '–';
  const tenths = Math.round(value * 10) / 10;
  return tenths < 10 ? tenths.toFixed(1) : String(Math.round(value));
}
