// The port model run faster than real time on its simulated clock, without MQTT: every message
// it emits must meet the device contract, and runs must be reproducible from the seed.
import { readFileSync } from 'node:fs';
import { decodeDeviceMessage, type DeviceMessage, type SiteLayout } from '@porttwin/contracts';
import { describe, expect, it } from 'vitest';
import { SMALL_PORT_SITE_FILE } from '../site-file';
import { DEFAULT_FLOW, mergeFlow } from '../config/flow-config';
import type { OutboundMessage } from './device-outbox';
import { PortModel, type PortModelOptions } from './port-model';

const layout = JSON.parse(readFileSync(SMALL_PORT_SITE_FILE, 'utf8')) as SiteLayout;
const START = Date.UTC(2026, 10, 22, 8, 0, 0);
const MINUTE = 60_000;
// The small port has two inbound lanes (~140 trucks/h between them): run it at the first cut's
// steady 120 an hour, with no daily profile, so rates can be compared with the configuration.
const SMALL_PORT_FLOW = mergeFlow(DEFAULT_FLOW, { trucks: { arrivalsPerHour: 120, hourlyProfile: Array(24).fill(1), trackers: 40 } });

function run(minutes: number, options: Partial<PortModelOptions> = {}): { messages: OutboundMessage[]; model: PortModel } {
  const messages: OutboundMessage[] = [];
  const model = new PortModel({ layout, startMs: START, sink: (m) => messages.push(m), flow: SMALL_PORT_FLOW, ...options });
  model.start();
  model.advanceTo(START + minutes * MINUTE);
  model.shutdown();
  return { messages, model };
}

/** The messages as the edge would decode them, and those it would reject, with the reason. */
function decodeAll(messages: OutboundMessage[], receivedAt: number): { decoded: DeviceMessage[]; rejected: string[] } {
  const decoded: DeviceMessage[] = [];
  const rejected: string[] = [];
  for (const m of messages) {
    const result = decodeDeviceMessage({
      topic: m.topic,
      payload: m.payload,
      payloadBytes: Buffer.byteLength(m.payload),
      receivedAt,
      retained: m.retain,
    });
    if (result.ok) decoded.push(result.message);
    else rejected.push(`${m.topic} ${m.payload}: ${result.reason}`);
  }
  return { decoded, rejected };
}

describe('port model', () => {
  const { messages, model } = run(15);
  const { decoded, rejected } = decodeAll(messages, START + 15 * MINUTE);

  it('emits only messages that meet the device contract', () => {
    expect(messages.length).toBeGreaterThan(10_000);
    expect(rejected).toEqual([]);
  });

  it('gives each asset a seq that grows with every telemetry and event', () => {
    const last = new Map<string, number>();
    for (const message of decoded) {
      if (message.channel === 'status') continue;
      const previous = last.get(message.assetId) ?? 0;
      expect(message.seq, `${message.assetId} after ${previous}`).toBeGreaterThan(previous);
      last.set(message.assetId, message.seq);
    }
  });

  it('announces every fixed asset online (retained) first, and offline at shutdown', () => {
    const statuses = decoded.filter((m) => m.channel === 'status');
    for (const asset of layout.assets) {
      const mine = statuses.filter((m) => m.assetId === asset.id);
      expect(mine[0]).toMatchObject({ state: 'online', retained: true });
      expect(mine.at(-1)).toMatchObject({ state: 'offline' });
    }
  });

  it('starts with a vessel alongside and the quay crane at its berth working it', () => {
    const firstArrival = decoded.find((m) => m.channel === 'event' && m.type === 'berth.arrived');
    expect(firstArrival?.ts).toBe(START);
    const qcMoves = decoded.filter((m) => m.kind === 'qc' && m.channel === 'event' && m.type === 'move.completed');
    expect(qcMoves.length).toBeGreaterThanOrEqual(5);
  });

  it('sends trucks through the gate, scanner and yard and out again', () => {
    const types = new Set(decoded.flatMap((m) => (m.channel === 'event' ? [`${m.kind}:${m.type}`] : [])));
    for (const type of [
      'gate:truck.arrived',
      'gate:truck.admitted',
      'scanner:scan.started',
      'scanner:scan.completed',
      'yc:move.completed',
    ]) {
      expect(types).toContain(type);
    }
    const outbound = decoded.filter((m) => m.channel === 'event' && m.type === 'truck.arrived' && m.data.direction === 'out');
    expect(outbound.length).toBeGreaterThan(0);
    const trucks = decoded.filter((m) => m.kind === 'truck' && m.channel === 'telemetry');
    expect(trucks.some((m) => m.channel === 'telemetry' && (m.metrics.speed as number) > 0)).toBe(true);
    expect(model.stats().trucksOnSite).toBeLessThanOrEqual(40);
  });

  it('never reports a negative queue', () => {
    for (const message of decoded) {
      if (message.channel === 'telemetry' && 'queueLength' in message.metrics) {
        expect(message.metrics.queueLength as number).toBeGreaterThanOrEqual(0);
      }
    }
  });

  it('keeps truck and vessel positions inside the site bounds', () => {
    const { minX, maxX, minY, maxY } = layout.bounds;
    // A long gate queue spills out of the site onto the approach road, as real ones do.
    const spill = 20 * SMALL_PORT_FLOW.trucks.maxLaneQueue;
    for (const message of decoded) {
      if (message.channel !== 'telemetry' || (message.kind !== 'truck' && message.kind !== 'vessel')) continue;
      const { x, y } = message.metrics as { x: number; y: number };
      expect(x).toBeGreaterThanOrEqual(minX);
      expect(x).toBeLessThanOrEqual(maxX);
      expect(y).toBeGreaterThanOrEqual(minY);
      expect(y).toBeLessThanOrEqual(message.kind === 'truck' ? maxY + spill : maxY);
    }
  });
});

describe('reproducibility', () => {
  it('emits the identical message sequence for the same seed', () => {
    const a = run(8, { seed: 7 }).messages;
    const b = run(8, { seed: 7 }).messages;
    expect(b).toEqual(a);
  });

  it('makes different decisions for a different seed', () => {
    const events = (seed: number) =>
      run(8, { seed })
        .messages.filter((m) => m.channel === 'event')
        .map((m) => m.payload);
    expect(events(8)).not.toEqual(events(9));
  });

  it('makes the same decisions whatever the telemetry rate', () => {
    // Telemetry jitter draws from its own streams, so sampling faster changes no event.
    const events = (telemetryIntervalMs: number) =>
      run(20, { seed: 3, telemetryIntervalMs }).messages.flatMap((m) => {
        if (m.channel !== 'event') return [];
        const { ts, type, data } = JSON.parse(m.payload) as { ts: string; type: string; data: unknown };
        return [JSON.stringify([m.topic, ts, type, data])];
      });
    expect(events(250)).toEqual(events(5000));
  });
});

describe('truck arrivals', () => {
  // Poisson arrivals: over 3 simulated hours at 120/h the count is 360 ± 19 (one sd), so
  // ±15% is about three standard deviations, for each of three seeds.
  it.each([1, 2, 3])('arrive at the configured rate within 15 per cent (seed %i)', (seed) => {
    const { messages, model } = run(180, { seed, telemetryIntervalMs: 60_000, truckArrivalsPerHour: 120 });
    const arrived = messages.filter(
      (m) => m.channel === 'event' && m.payload.includes('"truck.arrived"') && m.payload.includes('"direction":"in"'),
    );
    expect(arrived.length).toBe(model.stats().truckArrivals);
    expect(arrived.length).toBeGreaterThan(360 * 0.85);
    expect(arrived.length).toBeLessThan(360 * 1.15);
    expect(model.stats().trucksTurnedAway).toBe(0);
  });

  it('follows a different configured rate', () => {
    const { model } = run(180, { seed: 4, telemetryIntervalMs: 60_000, truckArrivalsPerHour: 40 });
    expect(model.stats().truckArrivals).toBeGreaterThan(120 * 0.75);
    expect(model.stats().truckArrivals).toBeLessThan(120 * 1.25);
  });
});
