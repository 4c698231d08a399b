// The stage order and the spoken dwells the clearance panel and the wall strip show.
import { describe, expect, it } from 'vitest';
import type { StageDwell } from '@porttwin/contracts';
import { translate } from '../i18n/strings';
import { assetRows, DWELL_STAGES, overallByStage, spokenDuration } from './clearance-format';

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
});
