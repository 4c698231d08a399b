import { describe, expect, it } from 'vitest';
import { decodeDeviceMessage, MAX_PAYLOAD_BYTES } from './device-message';

const NOW = Date.parse('2026-11-22T10:00:00.000Z');
const GATE_TELEMETRY = 'porttwin/v1/demo-port/gate/GL-IN-1/telemetry';

function decode(topic: string, body: unknown, options: { retained?: boolean } = {}) {
  const payload = typeof body === 'string' ? body : JSON.stringify(body);
  return decodeDeviceMessage({ topic, payload, payloadBytes: new TextEncoder().encode(payload).length, receivedAt: NOW, ...options });
}

function reasonOf(result: ReturnType<typeof decode>): string {
  if (result.ok) throw new Error('expected a rejection');
  return result.reason;
}

describe('valid device messages', () => {
  it('decodes telemetry with epoch-millisecond time', () => {
    const result = decode(GATE_TELEMETRY, { ts: NOW - 10, seq: 42, metrics: { queueLength: 7, laneOpen: 1, firmware: '2.1' } });
    expect(result).toEqual({
      ok: true,
      message: {
        site: 'demo-port', kind: 'gate', assetId: 'GL-IN-1', channel: 'telemetry', ts: NOW - 10, receivedAt: NOW, seq: 42,
        metrics: { queueLength: 7, laneOpen: 1, firmware: '2.1' },
      },
    });
  });

  it('decodes an event with an RFC 3339 time and the data its type requires', () => {
    const result = decode('porttwin/v1/demo-port/gate/GL-IN-1/event', {
      ts: '2026-11-22T09:59:59.123Z', seq: 43, type: 'truck.arrived',
      data: { plate: '粤B12345', direction: 'in', containers: ['MSKU1234565'] },
    });
    expect(result.ok && result.message).toMatchObject({ channel: 'event', ts: NOW - 877, type: 'truck.arrived', data: { plate: '粤B12345' } });
  });

  it('keeps an event type the contract does not list, as it came', () => {
    const result = decode('porttwin/v1/demo-port/qc/QC-01/event', { ts: NOW, seq: 1, type: 'spreader.locked', data: { twistlocks: 4 } });
    expect(result.ok && result.message).toMatchObject({ type: 'spreader.locked', data: { twistlocks: 4 } });
  });

  it('decodes a retained status and remembers that it was retained', () => {
    const result = decode('porttwin/v1/demo-port/scanner/SC-01/status', { ts: NOW, state: 'fault', reason: 'X-ray source interlock' }, { retained: true });
    expect(result.ok && result.message).toMatchObject({ channel: 'status', state: 'fault', reason: 'X-ray source interlock', retained: true });
  });

  it('accepts a device clock slightly ahead of ours', () => {
    expect(decode(GATE_TELEMETRY, { ts: NOW + 60_000, seq: 1, metrics: {} }).ok).toBe(true);
  });
});

describe('messages that break the contract', () => {
  it.each([
    ['porttwin/v1/demo-port/gate/GL-IN-1', /topic must be/],
    ['porttwin/v2/demo-port/gate/GL-IN-1/telemetry', /topic must be/],
    ['porttwin/v1/Demo_Port/gate/GL-IN-1/telemetry', /site "Demo_Port"/],
    ['porttwin/v1/demo-port/crane/GL-IN-1/telemetry', /kind "crane"/],
    ['porttwin/v1/demo-port/gate/GL IN 1/telemetry', /assetId "GL IN 1"/],
    ['porttwin/v1/demo-port/gate/GL-IN-1/metrics', /channel "metrics"/],
  ])('rejects topic %s', (topic, reason) => {
    expect(reasonOf(decode(topic, { ts: NOW, seq: 1, metrics: {} }))).toMatch(reason);
  });

  it('rejects a payload that is not JSON', () => {
    expect(reasonOf(decode(GATE_TELEMETRY, '{"ts": 1,'))).toMatch(/not JSON/);
  });

  it('rejects a JSON payload that is not an object', () => {
    expect(reasonOf(decode(GATE_TELEMETRY, '[1,2]'))).toMatch(/JSON object/);
  });

  it('rejects a payload over the size limit before parsing it', () => {
    const big = JSON.stringify({ ts: NOW, seq: 1, metrics: { note: 'x'.repeat(MAX_PAYLOAD_BYTES) } });
    expect(reasonOf(decode(GATE_TELEMETRY, big))).toMatch(/exceeds/);
  });

  it('names a missing field', () => {
    expect(reasonOf(decode(GATE_TELEMETRY, { ts: NOW, metrics: {} }))).toMatch(/telemetry: .*seq/);
  });

  it('names a wrong-typed required metric', () => {
    expect(reasonOf(decode(GATE_TELEMETRY, { ts: NOW, seq: 1, metrics: { queueLength: 'seven' } }))).toMatch(/queueLength must be a number/);
  });

  it('rejects a negative or fractional seq', () => {
    expect(decode(GATE_TELEMETRY, { ts: NOW, seq: -1, metrics: {} }).ok).toBe(false);
    expect(decode(GATE_TELEMETRY, { ts: NOW, seq: 1.5, metrics: {} }).ok).toBe(false);
  });

  it('rejects a timestamp far in the future', () => {
    expect(reasonOf(decode(GATE_TELEMETRY, { ts: NOW + 3_600_000, seq: 1, metrics: {} }))).toMatch(/in the future/);
  });

  it('rejects a timestamp string that is not RFC 3339', () => {
    expect(decode(GATE_TELEMETRY, { ts: '22/11/2026 10:00', seq: 1, metrics: {} }).ok).toBe(false);
  });

  it('rejects an impossible calendar date', () => {
    expect(reasonOf(decode(GATE_TELEMETRY, { ts: '2026-13-45T10:00:00Z', seq: 1, metrics: {} }))).toMatch(/not a valid time/);
  });

  it('rejects a known event without the data its type requires', () => {
    const result = decode('porttwin/v1/demo-port/scanner/SC-01/event', { ts: NOW, seq: 2, type: 'scan.completed', data: { plate: 'X', container: 'C', durationSec: 30, verdict: 'maybe' } });
    expect(reasonOf(result)).toMatch(/scan.completed data: verdict/);
  });

  it('rejects a status with an unknown state', () => {
    expect(decode('porttwin/v1/demo-port/rpm/RPM-01/status', { ts: NOW, state: 'sleeping' }).ok).toBe(false);
  });
});
