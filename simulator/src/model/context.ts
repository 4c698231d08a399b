// What every part of the port model shares: the layout, the clock, the outbox, the roads.
import type { SiteLayout } from '@porttwin/contracts';
import type { Random } from '../random';
import type { RoadNetwork } from '../road-network';
import type { AssetRef, DeviceOutbox, Metrics } from './device-outbox';
import type { Scheduler, Timer } from './scheduler';

export interface ModelContext {
  layout: SiteLayout;
  scheduler: Scheduler;
  outbox: DeviceOutbox;
  roads: RoadNetwork;
  /** Root stream; each component forks its own (decisions) and a `:noise` one (telemetry jitter). */
  random: Random;
  telemetryIntervalMs: number;
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
  return context.scheduler.every(context.telemetryIntervalMs, phase, () => context.outbox.telemetry(source.ref, source.metrics()));
}
