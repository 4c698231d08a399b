// Which condition an asset is drawn in.
import { describe, expect, it } from 'vitest';
import type { AssetState } from '@porttwin/contracts';
import { bodyColour, conditionOf, STATUS_COLOURS } from './status-colours';

const now = 1_000_000;
const crane = (status: AssetState['status'], lastSeen = now): AssetState => ({
  id: 'QC-01',
  site: 'demo-port',
  kind: 'qc',
  status,
  statusReason: null,
  statusAt: null,
  metrics: {},
  metricsAt: null,
  lastSeen,
});

describe('conditionOf', () => {
  it('shows a fresh online asset as online', () => expect(conditionOf(crane('online'), now)).toBe('online'));
  it('shows an online asset silent for 31 s as stale', () => expect(conditionOf(crane('online', now - 31_000), now)).toBe('stale'));
  it('keeps fault and offline over staleness', () => {
    expect(conditionOf(crane('fault', now - 60_000), now)).toBe('fault');
    expect(conditionOf(crane('offline', now - 60_000), now)).toBe('offline');
  });
  it('shows an asset with no state as unknown', () => expect(conditionOf(undefined, now)).toBe('unknown'));
});

describe('bodyColour', () => {
  it('keeps the healthy colour only when online', () => {
    expect(bodyColour('online', '#123456')).toBe('#123456');
    expect(bodyColour('stale', '#123456')).toBe(STATUS_COLOURS.stale);
  });
});
