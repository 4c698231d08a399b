// The journey table's words for outcomes, as message keys (stages are named as the clearance tab names them).
import type { JourneyOutcome } from '@porttwin/contracts';
import type { MessageKey } from '../i18n/strings';

export const OUTCOME_NAMES: Record<JourneyOutcome, MessageKey> = {
  released: 'journeys.outcome.released',
  rejected: 'journeys.outcome.rejected',
  balked: 'journeys.outcome.balked',
  'on site': 'journeys.outcome.onSite',
};
