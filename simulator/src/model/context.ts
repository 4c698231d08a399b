// What every part of the port model shares: the layout, the clock, the outbox, the roads.
import type { SiteLayout } from '@porttwin/contracts';
import type { Flow } from '../config/flow-config';
import type { Random } from '../random';
import type { RoadNetwork } from '../road-network';
import type { AssetRef, DeviceOutbox, Metrics } from './device-outbox';
import type { TruthSink } from './ground-truth';
import type { Scheduler, Timer } from './scheduler';

export interface ModelContext {
  layout: SiteLayout;
  scheduler: Scheduler;
  outbox: DeviceOutbox;
  roads: RoadNetwork;
  /** Root stream; each component forks its own (decisions) and a `:noise` one (telemetry jitter). */
  random: Random;
  telemetryIntervalMs: number;
  /** The flows (rates, service times, shares) the model runs. */
  flow: Flow;
  /** Where the model writes what really happened. */
  truth: TruthSink;
  /** Devices that are off the air (a flapping device between flaps): no telemetry from them. */
  silenced: Set<string>;
  log: (line: string) => void;
}

/** A device that reports telemetry: what it measures right now. */
export interface TelemetrySource {
  readonly ref: AssetRef;
  metrics(): Metrics;
}

/** Rounds for the wire: telemetry is a measurement, not a float dump. */
export function round(value: number, digits = 2): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}

/**
 * Publishes the source's telemetry every telemetry interval. Each source gets its own phase
 * (from its id, not from a decision stream) so devices do not all report in the same instant.
 */
export function startTelemetry(context: ModelContext, source: TelemetrySource): Timer {
  const phase = Math.floor(context.random.fork(`${source.ref.id}:phase`).next() * context.telemetryIntervalMs);
  return context.scheduler.every(context.telemetryIntervalMs, phase, () => {
    if (!context.silenced.has(source.ref.id)) context.outbox.telemetry(source.ref, source.metrics());
  });
}
