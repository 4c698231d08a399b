import { describe, expect, it } from 'vitest';
import { deviceTopic, parseTopic } from './topic';

describe('device topics', () => {
  it('round-trips a topic through deviceTopic and parseTopic', () => {
    const topic = deviceTopic('demo-port', 'qc', 'QC-01', 'telemetry');
    expect(topic).toBe('porttwin/v1/demo-port/qc/QC-01/telemetry');
    expect(parseTopic(topic)).toEqual({ ok: true, topic: { site: 'demo-port', kind: 'qc', assetId: 'QC-01', channel: 'telemetry' } });
  });

  it('rejects a site longer than 32 characters', () => {
    expect(parseTopic(`porttwin/v1/${'a'.repeat(33)}/qc/QC-01/telemetry`).ok).toBe(false);
  });
});
