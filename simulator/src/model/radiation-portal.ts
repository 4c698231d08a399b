// A radiation portal monitor on the inbound lanes: background gamma and neutron counts, a dip
// while a truck shields the detectors, and a rare alarm when the cargo is radioactive.
import type { FixedAsset } from '@porttwin/contracts';
import type { Random } from '../random';
import { type ModelContext, type TelemetrySource, round } from './context';
import type { AssetRef, Metrics } from './device-outbox';
import type { Truck } from './truck';

// About one truck in two hundred trips a portal (mostly naturally occurring material:
// ceramics, fertiliser, granite), far fewer at the high level.
const ALARM_SHARE = 0.005;
const HIGH_SHARE = 0.2;
// A truck takes a few seconds to pass; telemetry samples inside that window see it.
const OCCUPANCY_MS = 6000;

export class RadiationPortal implements TelemetrySource {
  readonly ref: AssetRef;
  private readonly random: Random;
  private readonly noise: Random;
  private background = 100;
  private occupiedUntil = 0;
  private alarmGamma = 0;

  constructor(
    readonly asset: FixedAsset,
    private readonly context: ModelContext,
  ) {
    this.ref = { kind: 'rpm', id: asset.id };
    this.random = context.random.fork(asset.id);
    this.noise = context.random.fork(`${asset.id}:noise`);
  }

  /** A truck drives through; returns true when it raised an alarm (it then goes to inspection). */
  pass(truck: Truck): boolean {
    this.occupiedUntil = this.context.scheduler.now() + OCCUPANCY_MS;
    this.alarmGamma = 0;
    // Only cargo can carry a source; an empty chassis does not trip the portal.
    if (truck.containers.length === 0 || !this.random.chance(ALARM_SHARE)) return false;
    const level = this.random.chance(HIGH_SHARE) ? 'high' : 'low';
    this.alarmGamma = level === 'high' ? this.random.uniform(1500, 4000) : this.random.uniform(350, 800);
    this.context.outbox.event(this.ref, 'radiation.alarm', {
      plate: truck.plate,
      level,
      gammaCps: round(this.alarmGamma, 0),
    });
    return true;
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
