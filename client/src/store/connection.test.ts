// Pins down when the console calls its data LIVE, STALE or OFFLINE.
import { describe, expect, it } from 'vitest';
import { HEARTBEAT_INTERVAL_MS } from '@porttwin/contracts';
import { deriveLinkStatus, isAssetStale, type LinkFacts } from './connection';

const now = 1_763_800_000_000;
const fresh: LinkFacts = { connected: true, lastHeartbeatAt: now - 1_000, newestAssetAt: now - 500, serverOffsetMs: 0 };

describe('deriveLinkStatus', () => {
  it('is LIVE with a recent heartbeat and recent asset traffic', () => {
    expect(deriveLinkStatus(fresh, now).state).toBe('LIVE');
  });

  it('is LIVE on a connected site that has no assets yet', () => {
    expect(deriveLinkStatus({ ...fresh, newestAssetAt: null }, now).state).toBe('LIVE');
  });

  it('turns STALE once two heartbeats are missed, and says how old the data is', () => {
    const lastHeartbeatAt = now - 2 * HEARTBEAT_INTERVAL_MS - 1;
    const status = deriveLinkStatus({ ...fresh, lastHeartbeatAt }, now);
    expect(status.state).toBe('STALE');
    expect(status.asOf).toBe(lastHeartbeatAt);
    expect(status.ageMs).toBe(2 * HEARTBEAT_INTERVAL_MS + 1);
  });

  it('is STALE while connected but before any heartbeat', () => {
    expect(deriveLinkStatus({ ...fresh, lastHeartbeatAt: null }, now).state).toBe('STALE');
  });

  it('turns STALE when heartbeats flow but no asset message came for 30 s', () => {
    const status = deriveLinkStatus({ ...fresh, newestAssetAt: now - 31_000 }, now);
    expect(status.state).toBe('STALE');
    expect(status.asOf).toBe(now - 31_000);
  });

  it('compares asset times on the server clock', () => {
    // The server runs 60 s ahead: an asset stamped 40 s ahead of our clock is 20 s old.
    const facts = { ...fresh, serverOffsetMs: 60_000, newestAssetAt: now + 40_000 };
    expect(deriveLinkStatus(facts, now).state).toBe('LIVE');
    expect(deriveLinkStatus({ ...facts, newestAssetAt: now + 20_000 }, now).state).toBe('STALE');
  });

  it('is OFFLINE when disconnected, however fresh the last data', () => {
    const status = deriveLinkStatus({ ...fresh, connected: false }, now);
    expect(status.state).toBe('OFFLINE');
    expect(status.asOf).toBe(now - 1_000);
  });

  it('has no age before anything was received', () => {
    expect(deriveLinkStatus({ connected: false, lastHeartbeatAt: null, newestAssetAt: null, serverOffsetMs: 0 }, now)).toEqual({
      state: 'OFFLINE',
      ageMs: null,
      asOf: null,
    });
  });
});

describe('isAssetStale', () => {
  it('calls an asset stale after 30 s of silence', () => {
    expect(isAssetStale(now - 30_000, now)).toBe(false);
    expect(isAssetStale(now - 30_001, now)).toBe(true);
  });
});
