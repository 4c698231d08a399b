// The events added to v1 for truck journeys (issue 9): accepted as documented, refused with a
// reason naming the field when a field is missing or wrong — which makes them dead letters.
import { describe, expect, it } from 'vitest';
import { decodeDeviceMessage } from './device-message';

const NOW = Date.parse('2026-11-22T10:00:00.000Z');

function decode(kind: string, assetId: string, type: string, data: unknown) {
  const payload = JSON.stringify({ ts: NOW, seq: 1, type, data });
  return decodeDeviceMessage({
    topic: `porttwin/v1/demo-port/${kind}/${assetId}/event`,
    payload,
    payloadBytes: new TextEncoder().encode(payload).length,
    receivedAt: NOW,
  });
}

function reasonOf(result: ReturnType<typeof decode>): string {
  if (result.ok) throw new Error('expected a rejection');
  return result.reason;
}

describe('journey events of device contract v1', () => {
  it.each([
    ['rpm', 'RPM-01', 'occupancy.started', { plate: '粤B12345', lane: 'GL-IN-1' }],
    ['rpm', 'RPM-01', 'occupancy.ended', { plate: '粤B12345', lane: 'GL-IN-1', occupiedSec: 6.2 }],
    ['gate', 'GL-IN-1', 'truck.balked', { plate: '粤B12345', reason: 'queue full' }],
    ['gate', 'GL-IN-1', 'truck.rejected', { plate: '粤B12345', reason: 'customs hold', processingSec: 41 }],
    ['gate', 'GL-IN-1', 'truck.rejected', { plate: '粤B12345', reason: 'customs hold' }],
    ['scanner', 'SC-01', 'scan.queued', { plate: '粤B12345', container: 'MSKU1234565' }],
    ['truck', 'TRK-001', 'yard.entered', { plate: '粤B12345', block: 'YB-A1' }],
    ['truck', 'TRK-001', 'yard.left', { plate: '粤B12345', block: 'YB-A1' }],
  ])('accepts %s %s', (kind, assetId, type, data) => {
    const result = decode(kind, assetId, type, data);
    expect(result.ok && result.message.channel === 'event' && result.message.data).toEqual(data);
  });

  it.each([
    ['rpm', 'RPM-01', 'occupancy.started', { plate: '粤B12345' }, /occupancy.started data: .*lane/],
    ['rpm', 'RPM-01', 'occupancy.ended', { plate: '粤B12345', lane: 'GL-IN-1', occupiedSec: -1 }, /occupancy.ended data: occupiedSec/],
    ['gate', 'GL-IN-1', 'truck.balked', { reason: 'queue full' }, /truck.balked data: .*plate/],
    ['gate', 'GL-IN-1', 'truck.rejected', { plate: 'X', reason: 'r', processingSec: 'slow' }, /truck.rejected data: processingSec/],
    ['scanner', 'SC-01', 'scan.queued', { plate: '粤B1***5', container: 'C' }, /scan.queued data: plate/],
    ['truck', 'TRK-001', 'yard.entered', { plate: '粤B12345', block: '' }, /yard.entered data: block/],
  ])('refuses %s %s with data that breaks it', (kind, assetId, type, data, reason) => {
    expect(reasonOf(decode(kind, assetId, type, data))).toMatch(reason);
  });
});
