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
        site: 'demo-port',
        kind: 'gate',
        assetId: 'GL-IN-1',
        channel: 'telemetry',
        ts: NOW - 10,
        receivedAt: NOW,
        seq: 42,
        metrics: { queueLength: 7, laneOpen: 1, firmware: '2.1' },
      },
    });
  });

  it('decodes an event with an RFC 3339 time and the data its type requires', () => {
    const result = decode('porttwin/v1/demo-port/gate/GL-IN-1/event', {
      ts: '2026-11-22T09:59:59.123Z',
      seq: 43,
      type: 'truck.arrived',
      data: { plate: '粤B12345', direction: 'in', containers: ['MSKU1234565'] },
    });
    expect(result.ok && result.message).toMatchObject({
      channel: 'event',
      ts: NOW - 877,
      type: 'truck.arrived',
      data: { plate: '粤B12345' },
    });
  });

  it('keeps an event type the contract does not list, as it came', () => {
    const result = decode('porttwin/v1/demo-port/qc/QC-01/event', { ts: NOW, seq: 1, type: 'spreader.locked', data: { twistlocks: 4 } });
    expect(result.ok && result.message).toMatchObject({ type: 'spreader.locked', data: { twistlocks: 4 } });
  });

  it('decodes a retained status and remembers that it was retained', () => {
    const result = decode(
      'porttwin/v1/demo-port/scanner/SC-01/status',
      { ts: NOW, state: 'fault', reason: 'X-ray source interlock' },
      { retained: true },
    );
    expect(result.ok && result.message).toMatchObject({
      channel: 'status',
      state: 'fault',
      reason: 'X-ray source interlock',
      retained: true,
    });
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
    expect(reasonOf(decode(GATE_TELEMETRY, { ts: NOW, seq: 1, metrics: { queueLength: 'seven' } }))).toMatch(
      /queueLength must be a number/,
    );
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
    const result = decode('porttwin/v1/demo-port/scanner/SC-01/event', {
      ts: NOW,
      seq: 2,
      type: 'scan.completed',
      data: { plate: 'X', container: 'C', durationSec: 30, verdict: 'maybe' },
    });
    expect(reasonOf(result)).toMatch(/scan.completed data: verdict/);
  });

  it('rejects a plate holding *, which marks a masked plate (issue 8)', () => {
    const result = decode('porttwin/v1/demo-port/gate/GL-IN-1/event', {
      ts: NOW,
      seq: 3,
      type: 'truck.admitted',
      data: { plate: '粤B1***5', processingSec: 40 },
    });
    expect(reasonOf(result)).toMatch(/truck.admitted data: plate/);
  });

  it('rejects a status with an unknown state', () => {
    expect(decode('porttwin/v1/demo-port/rpm/RPM-01/status', { ts: NOW, state: 'sleeping' }).ok).toBe(false);
  });
});

describe('messages the database could not store', () => {
  const EVENT = 'porttwin/v1/demo-port/camera/CAM-1/event';

  it('rejects a seq beyond what bigint and JSON hold exactly', () => {
    expect(reasonOf(decode(GATE_TELEMETRY, `{"ts": ${NOW}, "seq": 1e300, "metrics": {}}`))).toMatch(
      /^telemetry: seq must be <= 9007199254740991/,
    );
    expect(reasonOf(decode(GATE_TELEMETRY, { ts: NOW, seq: Number.MAX_SAFE_INTEGER + 1, metrics: {} }))).toMatch(/seq/);
    expect(decode(GATE_TELEMETRY, { ts: NOW, seq: Number.MAX_SAFE_INTEGER, metrics: {} }).ok).toBe(true);
  });

  it('rejects U+0000 in a metric string, naming the metric', () => {
    expect(reasonOf(decode(GATE_TELEMETRY, `{"ts": ${NOW}, "seq": 1, "metrics": {"firmware": "2.\\u0000"}}`))).toBe(
      'telemetry: metrics.firmware contains U+0000, which PostgreSQL cannot store',
    );
  });

  it('rejects a lone surrogate in event data and in a key', () => {
    expect(reasonOf(decode(EVENT, `{"ts": ${NOW}, "seq": 1, "type": "note", "data": {"text": "\\ud800x"}}`))).toBe(
      'event note: data.text contains a lone surrogate U+D800, which is not Unicode text',
    );
    expect(reasonOf(decode(EVENT, `{"ts": ${NOW}, "seq": 1, "type": "note", "data": {"\\udc00": 1}}`))).toBe(
      'event note: data has a key that contains a lone surrogate U+DC00, which is not Unicode text',
    );
  });

  it('keeps well-formed astral characters', () => {
    expect(decode(EVENT, { ts: NOW, seq: 1, type: 'note', data: { text: '集装箱 🚢' } }).ok).toBe(true);
  });

  it('rejects numbers JSON.parse turns into Infinity', () => {
    expect(reasonOf(decode(GATE_TELEMETRY, `{"ts": ${NOW}, "seq": 1, "metrics": {"queueLength": 1e400}}`))).toMatch(/queueLength/);
    expect(reasonOf(decode(EVENT, `{"ts": ${NOW}, "seq": 1, "type": "note", "data": {"x": [1, -1e999]}}`))).toBe(
      'event note: data.x[1] must be a finite number',
    );
  });

  it('rejects event data nested too deep, with too many keys, or with a huge key', () => {
    const deep = `${'{"a":'.repeat(40)}1${'}'.repeat(40)}`;
    expect(reasonOf(decode(EVENT, `{"ts": ${NOW}, "seq": 1, "type": "note", "data": ${deep}}`))).toMatch(/nests deeper than 16 levels$/);
    const wide = Object.fromEntries(Array.from({ length: 1025 }, (_, i) => [`k${i}`, i]));
    expect(reasonOf(decode(EVENT, { ts: NOW, seq: 1, type: 'note', data: wide }))).toBe('event note: data has 1025 keys, more than 1024');
    expect(reasonOf(decode(EVENT, { ts: NOW, seq: 1, type: 'note', data: { ['k'.repeat(300)]: 1 } }))).toBe(
      'event note: data has a key of 300 characters, more than 256',
    );
  });

  it('rejects a device time before 1970 in either form', () => {
    expect(reasonOf(decode(GATE_TELEMETRY, { ts: '1969-12-31T23:59:59Z', seq: 1, metrics: {} }))).toBe(
      'ts "1969-12-31T23:59:59Z" is before 1970-01-01',
    );
    expect(reasonOf(decode(GATE_TELEMETRY, { ts: -1, seq: 1, metrics: {} }))).toMatch(/^telemetry: ts /);
  });

  it('rejects U+0000 in a status reason', () => {
    expect(reasonOf(decode('porttwin/v1/demo-port/gate/GL-IN-1/status', `{"ts": ${NOW}, "state": "fault", "reason": "a\\u0000"}`))).toBe(
      'status: reason contains U+0000, which PostgreSQL cannot store',
    );
  });

  it('rejects a topic longer than the contract allows before parsing it', () => {
    expect(reasonOf(decode(`porttwin/v1/demo-port/gate/${'x'.repeat(300)}/telemetry`, { ts: NOW, seq: 1, metrics: {} }))).toMatch(
      /^topic of \d+ characters exceeds 256$/,
    );
  });
});

describe('times beyond what a Date can show', () => {
  it('rejects ts 1e300 with a reason instead of throwing', () => {
    expect(reasonOf(decode(GATE_TELEMETRY, `{"ts": 1e300, "seq": 1, "metrics": {}}`))).toBe('ts 1e+300 is more than 300s in the future');
  });
});
