// The advice reads from its fields in each language, never the server's English sentence.
import type { LaneAdvice } from '@porttwin/contracts';
import { describe, expect, it } from 'vitest';
import { translate, type Language, type MessageKey } from '../i18n/strings';
import { formatMinute } from '../format-time';
import { adviceText, expectedTrucks } from './forecast-advice';

const by = Date.UTC(2026, 10, 22, 2, 30, 0);
const inLanguage = (language: Language) => (key: MessageKey, params?: Record<string, string | number>) => translate(language, key, params);
const text = (advice: Omit<LaneAdvice, 'message'>, language: Language = 'en') =>
  adviceText({ advice: { ...advice, message: 'the server said this' }, targetWaitSec: 600 }, inLanguage(language));

describe('adviceText', () => {
  it('asks for lanes by a time in browser time, to keep the wait under target', () => {
    expect(text({ action: 'open', lanes: 2, by, expectedWaitSec: 420 })).toBe(
      `Open 2 more inbound lanes by ${formatMinute(by)} to keep the wait under 10 min`,
    );
    expect(text({ action: 'open', lanes: 1, by, expectedWaitSec: 420 }, 'zh-CN')).toBe(
      `请在 ${formatMinute(by)} 前加开 1 条进闸车道，使等待不超过 10 分钟`,
    );
  });

  it('says when even the lanes it asks for leave the wait over target', () => {
    expect(text({ action: 'open', lanes: 3, by, expectedWaitSec: 900 })).toBe(
      `Open 3 more inbound lanes by ${formatMinute(by)}; the wait may still reach 15:00`,
    );
  });

  it('lets lanes close, holds, and says when every lane is already open', () => {
    expect(text({ action: 'close', lanes: 1, by, expectedWaitSec: 200 })).toBe('1 inbound lane can close; the wait stays under 3:20');
    expect(text({ action: 'hold', lanes: 0, by: null, expectedWaitSec: 120 }, 'zh-TW')).toBe('維持現狀：已開車道可使輪候低於 10 分鐘');
    expect(text({ action: 'hold', lanes: 0, by: null, expectedWaitSec: 1500 })).toBe(
      'Every inbound lane is open; the wait may reach 25:00',
    );
  });

  it('writes small expected counts with a decimal, so 0.4 trucks does not read as none', () => {
    expect([expectedTrucks(0.4), expectedTrucks(9.96), expectedTrucks(12.4)]).toEqual(['0.4', '10', '12']);
  });
});
