// How the clearance views read a report: the stages in the order a truck meets them, each
// stage's overall and per-lane/scanner rows, and dwells said the way a supervisor says them.
import {
  type Bottleneck,
  CLEARANCE_STAGES,
  type ClearanceReport,
  type ClearanceStage,
  type Forecast,
  type StageDwell,
} from '@porttwin/contracts';
import { formatMinute } from '../format-time';
import type { MessageKey } from '../i18n/strings';

/** The stages drawn as bars, gate to out-gate (`turn` is the headline above them): the contract's. */
export { DWELL_STAGES } from '@porttwin/contracts';

export const STAGE_LABELS: Record<ClearanceStage, MessageKey> = {
  gateQueue: 'clearance.stage.gateQueue',
  portal: 'clearance.stage.portal',
  booth: 'clearance.stage.booth',
  scanQueue: 'clearance.stage.scanQueue',
  scan: 'clearance.stage.scan',
  yard: 'clearance.stage.yard',
  outQueue: 'clearance.stage.outQueue',
  outBooth: 'clearance.stage.outBooth',
  turn: 'clearance.stage.turn',
};

/** Each stage's overall row (the one without an asset); a stage nobody finished has none. */
export function overallByStage(report: Pick<ClearanceReport, 'stages'>): Map<ClearanceStage, StageDwell> {
  const overall = new Map<ClearanceStage, StageDwell>();
  for (const row of report.stages) if (row.assetId === undefined) overall.set(row.stage, row);
  return overall;
}

/** The stage's per-asset rows, lanes and scanners in their natural order (GL-IN-2 before GL-IN-10). */
export function assetRows(report: Pick<ClearanceReport, 'stages'>, stage: ClearanceStage): StageDwell[] {
  return report.stages
    .filter((row) => row.stage === stage && row.assetId !== undefined)
    .sort((a, b) => (a.assetId ?? '').localeCompare(b.assetId ?? '', 'en', { numeric: true }));
}

type Say = (key: MessageKey, params?: Record<string, string | number>) => string;

/** 45 s, 1 min 19 s (under ten minutes), 24 min, 1 h 05 min: a dwell read aloud, in the language `say` speaks. */
export function spokenDuration(seconds: number, say: Say): string {
  const total = Math.max(0, Math.round(seconds));
  if (total < 60) return say('clearance.dur.s', { s: total });
  if (total < 600) {
    const m = Math.floor(total / 60);
    const s = total % 60;
    return s === 0 ? say('clearance.dur.min', { m }) : say('clearance.dur.minSec', { m, s });
  }
  const minutes = Math.round(total / 60);
  if (minutes < 60) return say('clearance.dur.min', { m: minutes });
  return say('clearance.dur.hMin', { h: Math.floor(minutes / 60), m: minutes % 60 });
}

/** "Bottleneck: Scan queue at SC-01, 24 min against 1 min 19 s usual", or the calm "no bottleneck". */
export function bottleneckSentence(bottleneck: Bottleneck | null, t: Say): string {
  if (bottleneck === null) return t('clearance.noBottleneck');
  const params: Record<string, string> = {
    stage: t(STAGE_LABELS[bottleneck.stage]),
    dwell: spokenDuration(bottleneck.dwellSec, t),
    usual: spokenDuration(bottleneck.baselineSec, t),
  };
  return bottleneck.assetId === null
    ? t('clearance.bottleneckSite', params)
    : t('clearance.bottleneckAt', { ...params, asset: bottleneck.assetId });
}

/** The lane advice in the wall's language, from its action, lanes and time (not the English message). */
export function adviceSentence(forecast: Forecast, t: Say): string {
  const { action, lanes, by } = forecast.advice;
  const target = spokenDuration(forecast.targetWaitSec, t);
  const params = { lanes, by: by === null ? t('advice.now') : formatMinute(by), target };
  switch (action) {
    case 'open':
      return t(lanes === 1 ? 'advice.openOne' : 'advice.open', params);
    case 'close':
      return t(lanes === 1 ? 'advice.closeOne' : 'advice.close', params);
    case 'hold':
      return t('advice.hold', params);
  }
}
