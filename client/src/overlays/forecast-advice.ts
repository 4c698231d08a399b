// The forecast's lane advice in the reader's language, written from its fields (action, lanes,
// by, expected wait) rather than the server's English sentence. The usual cases read as the
// wall strip says them (adviceSentence); two more say when the lanes asked for, or all the
// lanes there are, still leave the wait over target, which "keeps the wait under" would hide.
import type { Forecast } from '@porttwin/contracts';
import { formatMinute } from '../format-time';
import type { Translate } from '../i18n/use-language';
import { adviceSentence, spokenDuration } from './clearance-format';

/** "Open 2 more inbound lanes by 10:30 to keep the wait under 10 min", and the other cases. */
export function adviceText(forecast: Forecast, t: Translate): string {
  const { advice, targetWaitSec } = forecast;
  if (advice.expectedWaitSec > targetWaitSec) {
    const wait = spokenDuration(advice.expectedWaitSec, t);
    if (advice.action === 'open') {
      const by = advice.by === null ? t('advice.now') : formatMinute(advice.by);
      return t(advice.lanes === 1 ? 'forecast.adviceOpenOneShort' : 'forecast.adviceOpenShort', { lanes: advice.lanes, by, wait });
    }
    // Hold with the wait over target: every inbound lane is already open.
    if (advice.action === 'hold') return t('forecast.adviceAllOpen', { wait });
  }
  return adviceSentence(forecast, t);
}

/** Expected trucks in a quarter: one decimal while small, so 0.4 does not read as none. */
export function expectedTrucks(value: number): string {
  if (!Number.isFinite(value)) return '–';
  const tenths = Math.round(value * 10) / 10;
  return tenths < 10 ? tenths.toFixed(1) : String(Math.round(value));
}
