// The stage order and the spoken dwells the clearance panel and the wall strip show.
import { describe, expect, it } from 'vitest';
import type { Forecast, StageDwell } from '@porttwin/contracts';
import { translate } from '../i18n/strings';
import { adviceSentence, assetRows, bottleneckSentence, DWELL_STAGES, overallByStage, spokenDuration } from './clearance-format';

const row = (stage: StageDwell['stage'], assetId?: string): StageDwell => ({
  stage,
  ...(assetId ? { assetId } : {}),
  count: 1,
  meanSec: 1,
  p50Sec: 1,
  p90Sec: 1,
});

describe('clearance format', () => {
  it('draws the stages in the order a truck meets them, without the turn', () => {
    expect(DWELL_STAGES).toEqual(['gateQueue', 'portal', 'booth', 'scanQueue', 'scan', 'yard', 'outQueue', 'outBooth']);
  });

  it('splits a stage into its overall row and its lanes in natural order', () => {
    const report = { stages: [row('gateQueue', 'GL-IN-10'), row('gateQueue'), row('gateQueue', 'GL-IN-2'), row('scan', 'SC-01')] };
    expect(overallByStage(report).get('gateQueue')?.assetId).toBeUndefined();
    expect(overallByStage(report).has('scan')).toBe(false);
    expect(assetRows(report, 'gateQueue').map((r) => r.assetId)).toEqual(['GL-IN-2', 'GL-IN-10']);
  });

  it('says a dwell in seconds, minutes and seconds, minutes, or hours', () => {
    const en = (s: number) => spokenDuration(s, (key, params) => translate('en', key, params));
    expect([en(45), en(79), en(120), en(1441), en(3900)]).toEqual(['45 s', '1 min 19 s', '2 min', '24 min', '1 h 5 min']);
    expect(spokenDuration(79, (key, params) => translate('zh-CN', key, params))).toBe('1 分 19 秒');
  });

  it('names the bottleneck with its asset, or says calmly there is none', () => {
    const at = { stage: 'scanQueue' as const, assetId: 'SC-01', dwellSec: 1441, baselineSec: 79 };
    expect(bottleneckSentence(at, (key, params) => translate('en', key, params))).toBe(
      'Bottleneck: Scan queue at SC-01, 24 min against 1 min 19 s usual',
    );
    expect(bottleneckSentence(at, (key, params) => translate('zh-CN', key, params))).toBe(
      '堵点：SC-01 查验排队，24 分钟（平时 1 分 19 秒）',
    );
    expect(bottleneckSentence({ ...at, stage: 'yard', assetId: null }, (key, params) => translate('en', key, params))).toMatch(
      /^Bottleneck: Yard, 24 min/,
    );
    expect(bottleneckSentence(null, (key, params) => translate('zh-TW', key, params))).toBe('無堵點：各環節停留時間正常');
  });

  it('writes the lane advice from its fields in each language, not from the English message', () => {
    const by = new Date(2026, 10, 22, 8, 15).getTime();
    const forecast = (advice: Partial<Forecast['advice']>) =>
      ({ targetWaitSec: 600, advice: { action: 'open', lanes: 2, by, expectedWaitSec: 300, message: 'ignored', ...advice } }) as Forecast;
    const en = (f: Forecast) => adviceSentence(f, (key, params) => translate('en', key, params));
    expect(en(forecast({}))).toBe('Open 2 more inbound lanes by 08:15 to keep the wait under 10 min');
    expect(en(forecast({ lanes: 1 }))).toBe('Open 1 more inbound lane by 08:15 to keep the wait under 10 min');
    expect(en(forecast({ action: 'hold', lanes: 0, by: null }))).toBe('Keep the lanes open now: the wait stays under 10 min');
    expect(adviceSentence(forecast({ action: 'close', lanes: 3 }), (key, params) => translate('zh-CN', key, params))).toBe(
      '可于 08:15 起关闭 3 条进口通道，等待仍不超过 10 分钟',
    );
  });
});
