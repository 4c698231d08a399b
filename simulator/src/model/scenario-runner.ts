// Plays a scenario's timeline over the running model: each injection starts at its offset
// from the run's start and (when it has a duration) ends by undoing itself. Every start and
// end goes into the ground truth, so a test knows exactly when the twin should have noticed.
import { type Injection, injectionOffsetSec, type Scenario } from '../config/scenario';
import type { Camera } from './camera';
import type { ModelContext, TelemetrySource } from './context';
import { sendMalformed } from './faulty-device';
import type { GateLane } from './gate-lane';
import type { QuayCrane } from './quay-crane';
import type { RadiationPortal } from './radiation-portal';
import type { Scanner } from './scanner';
import type { TruckArrivals } from './truck-arrivals';
import type { YardCrane } from './yard-crane';

/** The parts of the model a scenario can act on, by asset id. */
export interface ScenarioTargets {
  devices: Map<string, TelemetrySource>;
  lanes: Map<string, GateLane>;
  scanners: Map<string, Scanner>;
  cranes: Map<string, QuayCrane | YardCrane>;
  cameras: Map<string, Camera>;
  portals: Map<string, RadiationPortal>;
  arrivals: TruckArrivals;
}

const DEFAULT_FLAP_SEC = 15;
const DEFAULT_MALFORMED_SEC = 30;

/** Schedules every injection of `scenario`; throws naming the injection if an asset is missing. */
export function playScenario(context: ModelContext, scenario: Scenario, targets: ScenarioTargets): void {
  scenario.timeline.forEach((injection, i) => {
    const startSec = injectionOffsetSec(injection.at);
    const act = bind(context, injection, targets, `scenario "${scenario.name}": timeline.${i}`);
    context.scheduler.after(startSec * 1000, () => {
      record(context, injection, 'start');
      act.start();
      if (injection.durationSec !== undefined) {
        context.scheduler.after(injection.durationSec * 1000, () => {
          act.end();
          record(context, injection, 'end');
        });
      }
    });
  });
}

function record(context: ModelContext, injection: Injection, phase: 'start' | 'end'): void {
  context.truth({ t: context.scheduler.now(), type: 'injection', action: injection.action, asset: injection.asset ?? null, phase });
}

function need<T>(map: Map<string, T>, id: string | undefined, where: string): T {
  const found = id === undefined ? undefined : map.get(id);
  if (!found) throw new Error(`simulator: ${where}.asset: no suitable asset "${id ?? ''}" in the site`);
  return found;
}

// Resolved up front so a scenario that does not fit the site fails at start, not hours in.
function bind(context: ModelContext, injection: Injection, targets: ScenarioTargets, where: string): { start(): void; end(): void } {
  const { outbox, scheduler } = context;
  const reason = injection.reason;
  const setState = (device: TelemetrySource, state: 'online' | 'offline' | 'fault', why?: string): void => {
    outbox.status(device.ref, state, why);
    context.truth({ t: scheduler.now(), type: 'device', asset: device.ref.id, state, reason: why ?? null });
  };
  const repeat = (everySec: number, tick: () => void): { start(): void; end(): void } => {
    let stopped = false;
    const loop = (): void => {
      if (stopped) return;
      tick();
      scheduler.after(everySec * 1000, loop);
    };
    return { start: loop, end: () => void (stopped = true) };
  };
  switch (injection.action) {
    case 'arrivals.surge':
      return { start: () => targets.arrivals.setSurge(injection.factor ?? 1), end: () => targets.arrivals.setSurge(1) };
    case 'lane.closure': {
      const lane = need(targets.lanes, injection.asset, where);
      return { start: () => lane.setOpen(false), end: () => lane.setOpen(true) };
    }
    // The inverse of a closure: a supervisor opening a lane that was shut (following the gate
    // forecast's advice, issue 9 part 4); with a duration it closes again after.
    case 'lane.opening': {
      const lane = need(targets.lanes, injection.asset, where);
      return { start: () => lane.setOpen(true), end: () => lane.setOpen(false) };
    }
    case 'scanner.outage': {
      const scanner = need(targets.scanners, injection.asset, where);
      return {
        start: () => {
          scanner.setDown(true);
          setState(scanner, 'fault', reason ?? 'X-ray source fault');
        },
        end: () => {
          scanner.setDown(false);
          setState(scanner, 'online');
        },
      };
    }
    case 'crane.breakdown': {
      const crane = need(targets.cranes, injection.asset, where);
      const code = injection.code ?? (crane.ref.kind === 'qc' ? 'E-HOIST-OVERLOAD' : 'E-GANTRY-DRIVE');
      return {
        start: () => {
          crane.breakDown();
          const message = reason ?? (crane.ref.kind === 'qc' ? 'hoist overload trip' : 'gantry drive fault');
          outbox.event(crane.ref, 'fault.raised', { code, severity: 'major', message });
          context.truth({ t: scheduler.now(), type: 'alarm', asset: crane.ref.id, alarm: 'fault.raised', detail: { code, message } });
          setState(crane, 'fault', message);
        },
        end: () => {
          outbox.event(crane.ref, 'fault.cleared', { code });
          setState(crane, 'online');
          crane.repair();
        },
      };
    }
    case 'camera.detection': {
      const camera = need(targets.cameras, injection.asset, where);
      const label = injection.label ?? 'smoke';
      const detect = (): void => camera.detect(label, 0.93);
      return injection.everySec ? repeat(injection.everySec, detect) : { start: detect, end: () => {} };
    }
    case 'radiation.alarm': {
      const portal = need(targets.portals, injection.asset, where);
      return { start: () => portal.arm(injection.level ?? 'high'), end: () => {} };
    }
    case 'device.flapping': {
      const device = need(targets.devices, injection.asset, where);
      let online = true;
      const flap = repeat(injection.everySec ?? DEFAULT_FLAP_SEC, () => {
        online = !online;
        if (online) context.silenced.delete(device.ref.id);
        else context.silenced.add(device.ref.id);
        setState(device, online ? 'online' : 'offline', online ? undefined : (reason ?? 'link lost'));
      });
      return {
        start: flap.start,
        end: () => {
          flap.end();
          context.silenced.delete(device.ref.id);
          if (!online) setState(device, 'online');
        },
      };
    }
    case 'device.malformed': {
      const device = need(targets.devices, injection.asset, where);
      let sent = 0;
      return repeat(injection.everySec ?? DEFAULT_MALFORMED_SEC, () => sendMalformed(context, device.ref, sent++));
    }
  }
}
