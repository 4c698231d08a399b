// The advice reads from its fields in each language, never the server's English sentence, and
// says so when the lanes asked for, or all there are, still leave the wait over target.
import type { Forecast, LaneAdvice } from '@porttwin/contracts';
import { describe, expect, it } from 'vitest';
import { translate, type Language, type MessageKey } from '../i18n/strings';
import { formatMinute } from '../format-time';
import { adviceText, expectedTrucks } from './forecast-advice';

const by = Date.UTC(2026, 10, 22, 2, 30, 0);
const inLanguage = (language: Language) => (key: MessageKey, params?: Record<string, string | number>) => translate(language, key, params);
const text = (advice: Omit<LaneAdvice, 'message'>, language: Language = 'en') =>
  adviceText({ advice: { ...advice, message: 'the server said this' }, targetWaitSec: 600 } as Forecast, inLanguage(language));

describe('adviceText', () => {
  it('asks for lanes by a time in browser time, to keep the wait under target', () => {
    expect(text({ action: 'open', lanes: 2, by, expectedWaitSec: 420 })).toBe(
      `Open 2 more inbound lanes by ${formatMinute(by)} to keep the wait under 10 min`,
    );
    expect(text({ action: 'open', lanes: 1, by, expectedWaitSec: 420 }, 'zh-CN')).toBe(
      `请于 ${formatMinute(by)} 前增开 1 条进口通道，使等待不超过 10 分钟`,
    );
  });

  it('says when even the lanes it asks for leave the wait over target', () => {
    expect(text({ action: 'open', lanes: 3, by, expectedWaitSec: 900 })).toBe(
      `Open 3 more inbound lanes by ${formatMinute(by)}; the wait may still reach 15 min`,
    );
  });

  it('lets lanes close, holds, and says when every lane is already open', () => {
    expect(text({ action: 'close', lanes: 1, by, expectedWaitSec: 200 })).toBe(
      `1 inbound lane can close from ${formatMinute(by)}; the wait stays under 10 min`,
    );
    expect(text({ action: 'hold', lanes: 0, by: null, expectedWaitSec: 120 }, 'zh-TW')).toBe('維持現有通道：輪候不超過 10 分鐘');
    expect(text({ action: 'hold', lanes: 0, by: null, expectedWaitSec: 1500 })).toBe(
      'Every inbound lane is open; the wait may reach 25 min',
    );
  });

  it('writes small expected counts with a decimal, so 0.4 trucks does not read as none', () => {
    expect([expectedTrucks(0.4), expectedTrucks(9.96), expectedTrucks(12.4)]).toEqual(['0.4', '10', '12']);
  });
});
