// A radiation portal monitor on an inbound lane: background gamma and neutron counts, a dip
// while a truck shields the detectors, and a rare alarm when the cargo is radioactive.
import type { FixedAsset } from '@porttwin/contracts';
import type { Random } from '../random';
import { type ModelContext, type TelemetrySource, round } from './context';
import type { AssetRef, Metrics } from './device-outbox';
import type { Truck } from './truck';

export class RadiationPortal implements TelemetrySource {
  readonly ref: AssetRef;
  private readonly random: Random;
  private readonly noise: Random;
  private background = 100;
  private occupiedUntil = 0;
  private alarmGamma = 0;
  // A scenario's radiation alarm: the next loaded truck trips the portal at this level.
  private armed: 'low' | 'high' | null = null;

  constructor(
    readonly asset: FixedAsset,
    private readonly context: ModelContext,
  ) {
    this.ref = { kind: 'rpm', id: asset.id };
    this.random = context.random.fork(asset.id);
    this.noise = context.random.fork(`${asset.id}:noise`);
  }

  /** Makes the next loaded truck through the portal raise an alarm (scenario injection). */
  arm(level: 'low' | 'high'): void {
    this.armed = level;
  }

  /** A truck stands in the portal for `standSec`; returns true when it raised an alarm. */
  pass(truck: Truck, standSec: number): boolean {
    this.occupiedUntil = this.context.scheduler.now() + Math.max(1, standSec) * 1000;
    this.alarmGamma = 0;
    // Only cargo can carry a source; an empty chassis does not trip the portal. The draw is
    // made for every loaded truck so an armed alarm does not shift the stream after it.
    if (truck.containers.length === 0) return false;
    const { alarmShare, highShare } = this.context.flow.radiationPortal;
    const natural = this.random.chance(alarmShare);
    const naturalLevel = this.random.chance(highShare) ? 'high' : 'low';
    const level = this.armed ?? (natural ? naturalLevel : null);
    this.armed = null;
    if (!level) return false;
    this.alarmGamma = level === 'high' ? this.random.uniform(1500, 4000) : this.random.uniform(350, 800);
    const data = { plate: truck.plate, level, gammaCps: round(this.alarmGamma, 0) };
    this.context.outbox.event(this.ref, 'radiation.alarm', data);
    this.context.truth({ t: this.context.scheduler.now(), type: 'alarm', asset: this.asset.id, alarm: 'radiation.alarm', detail: data });
    return true;
  }

  /** A truck has stopped in the portal: occupancy starts, reported with the lane reader's plate. */
  occupied(truck: Truck, lane: string): void {
    this.context.outbox.event(this.ref, 'occupancy.started', { plate: truck.plate, lane });
  }

  /** The truck has left the portal after `occupiedSec`. */
  vacated(truck: Truck, lane: string, occupiedSec: number): void {
    this.context.outbox.event(this.ref, 'occupancy.ended', { plate: truck.plate, lane, occupiedSec: round(occupiedSec, 1) });
  }

  metrics(): Metrics {
    // The background wanders slowly (weather, radon) within the usual 80–120 cps.
    this.background = Math.min(118, Math.max(82, this.background + this.noise.normal(0, 1.5)));
    const occupied = this.context.scheduler.now() < this.occupiedUntil;
    // A passing vehicle shields the detectors from the ground: counts dip by several per cent.
    let gamma = this.background * (occupied ? 0.92 : 1) + this.noise.normal(0, Math.sqrt(this.background) * 0.5);
    if (occupied && this.alarmGamma > 0) gamma = this.alarmGamma + this.noise.normal(0, Math.sqrt(this.alarmGamma));
    const neutron = Math.max(0, 2 + this.noise.normal(0, 0.8));
    return { gammaCps: round(Math.max(0, gamma), 1), neutronCps: round(neutron, 2), occupied: occupied ? 1 : 0 };
  }
}
