// The journey table's words for stages, outcomes and verdicts, as message keys.
import type { JourneyOutcome } from '@porttwin/contracts';
import type { MessageKey } from '../i18n/strings';
import type { DwellStage } from './journey-dwells';

export const STAGE_NAMES: Record<DwellStage, MessageKey> = {
  gateQueue: 'journeys.stage.gateQueue',
  portal: 'journeys.stage.portal',
  booth: 'journeys.stage.booth',
  scanQueue: 'journeys.stage.scanQueue',
  scan: 'journeys.stage.scan',
  yard: 'journeys.stage.yard',
  outQueue: 'journeys.stage.outQueue',
  outBooth: 'journeys.stage.outBooth',
};

export const OUTCOME_NAMES: Record<JourneyOutcome, MessageKey> = {
  released: 'journeys.outcome.released',
  rejected: 'journeys.outcome.rejected',
  balked: 'journeys.outcome.balked',
  'on site': 'journeys.outcome.onSite',
};
