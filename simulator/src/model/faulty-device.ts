// What a device with broken firmware sends: payloads that break the device contract in the
// ways the edge must catch (docs/device-contract.md, dead letters: bad JSON, missing or
// wrong-typed field, timestamp far in the future, oversized payload). Each is recorded in the ground truth with its flaw.
import { MAX_PAYLOAD_BYTES, REQUIRED_METRICS } from '@porttwin/contracts';
import type { ModelContext } from './context';
import type { AssetRef } from './device-outbox';

export const MALFORMED_FLAWS = [
  'not JSON',
  'wrong-typed metric',
  'missing seq',
  'far-future timestamp',
  'oversized payload',
  'unknown status state',
] as const;

// A clock stuck years ahead: rejected whatever the wall clock says, at any run speed.
const FAR_FUTURE_MS = Date.UTC(2099, 0, 1);

/** Sends the `index`-th flaw (they rotate) from `asset`. */
export function sendMalformed(context: ModelContext, asset: AssetRef, index: number): void {
  const flaw = MALFORMED_FLAWS[index % MALFORMED_FLAWS.length] ?? 'not JSON';
  const ts = context.outbox.stamp();
  const metric = REQUIRED_METRICS[asset.kind][0] ?? 'value';
  let channel: 'telemetry' | 'status' = 'telemetry';
  let payload: string;
  switch (flaw) {
    case 'not JSON':
      payload = `{"ts": ${ts}, "seq": 1, "metrics": {"${metric}": 4`;
      break;
    case 'wrong-typed metric':
      payload = JSON.stringify({ ts, seq: 1, metrics: { [metric]: 'seven' } });
      break;
    case 'missing seq':
      payload = JSON.stringify({ ts, metrics: { [metric]: 1 } });
      break;
    case 'far-future timestamp':
      payload = JSON.stringify({ ts: FAR_FUTURE_MS, seq: 1, metrics: { [metric]: 1 } });
      break;
    case 'oversized payload':
      payload = JSON.stringify({ ts, seq: 1, metrics: { [metric]: 1, dump: 'x'.repeat(MAX_PAYLOAD_BYTES) } });
      break;
    case 'unknown status state':
      channel = 'status';
      payload = JSON.stringify({ ts, state: 'sleepy' });
      break;
  }
  context.outbox.raw(asset, channel, payload);
  context.truth({ t: context.scheduler.now(), type: 'malformed', asset: asset.id, topic: channel, flaw });
}
