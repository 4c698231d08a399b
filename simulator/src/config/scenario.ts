// Scenarios: a timeline of injected happenings (a scanner outage, a crane breakdown, smoke in
// the yard…) over the base model, plus optional flow overrides (a morning peak is a profile).
import { AssetId, type SiteLayout } from '@porttwin/contracts';
import Type from 'typebox';
import { ConfigFileError } from '../errors';
import { checkFlowOverrides, FlowOverrides } from './flow-config';
import { checkValue, readJson } from './json-file';

export const INJECTION_ACTIONS = [
  'arrivals.surge',
  'lane.closure',
  'lane.opening',
  'scanner.outage',
  'crane.breakdown',
  'camera.detection',
  'radiation.alarm',
  'device.flapping',
  'device.malformed',
] as const;
export type InjectionAction = (typeof INJECTION_ACTIONS)[number];

/** The asset kinds each action applies to (empty: it takes no asset). */
const ACTION_KINDS: Record<InjectionAction, readonly string[]> = {
  'arrivals.surge': [],
  'lane.closure': ['gate'],
  'lane.opening': ['gate'],
  'scanner.outage': ['scanner'],
  'crane.breakdown': ['qc', 'yc'],
  'camera.detection': ['camera'],
  'radiation.alarm': ['rpm'],
  'device.flapping': ['gate', 'qc', 'yc', 'scanner', 'rpm', 'camera'],
  'device.malformed': ['gate', 'qc', 'yc', 'scanner', 'rpm', 'camera'],
};

export const Injection = Type.Object(
  {
    /** When, from the start of the run: seconds, or "H:MM" / "H:MM:SS". */
    at: Type.Union([Type.Number({ minimum: 0 }), Type.String({ pattern: '^\\d{1,3}:[0-5]\\d(:[0-5]\\d)?$' })]),
    action: Type.Union([
      Type.Literal('arrivals.surge'),
      Type.Literal('lane.closure'),
      Type.Literal('lane.opening'),
      Type.Literal('scanner.outage'),
      Type.Literal('crane.breakdown'),
      Type.Literal('camera.detection'),
      Type.Literal('radiation.alarm'),
      Type.Literal('device.flapping'),
      Type.Literal('device.malformed'),
    ]),
    asset: Type.Optional(AssetId),
    /** How long it lasts; left out, until the end of the run. */
    durationSec: Type.Optional(Type.Number({ exclusiveMinimum: 0 })),
    /** Repeating actions (detections, flaps, malformed messages): the period. */
    everySec: Type.Optional(Type.Number({ exclusiveMinimum: 0 })),
    /** camera.detection: what the camera sees. */
    label: Type.Optional(Type.String({ minLength: 1 })),
    /** radiation.alarm: the alarm level. */
    level: Type.Optional(Type.Union([Type.Literal('low'), Type.Literal('high')])),
    /** arrivals.surge: the multiplier on the arrival rate. */
    factor: Type.Optional(Type.Number({ minimum: 0, maximum: 50 })),
    /** crane.breakdown: the fault code; any action: the reason given in statuses. */
    code: Type.Optional(Type.String({ minLength: 1 })),
    reason: Type.Optional(Type.String({ minLength: 1 })),
  },
  { additionalProperties: false },
);
export type Injection = Type.Static<typeof Injection>;

export const Scenario = Type.Object(
  {
    name: Type.String({ minLength: 1 }),
    description: Type.Optional(Type.String()),
    /** Suggested run length, simulated seconds (the CLI's --duration overrides it). */
    durationSec: Type.Optional(Type.Number({ exclusiveMinimum: 0 })),
    flow: Type.Optional(FlowOverrides),
    timeline: Type.Array(Injection),
  },
  { additionalProperties: false },
);
export type Scenario = Type.Static<typeof Scenario>;

/** Seconds from the start of the run at which an injection fires. */
export function injectionOffsetSec(at: Injection['at']): number {
  if (typeof at === 'number') return at;
  const [h, m, s] = at.split(':').map(Number);
  return (h ?? 0) * 3600 + (m ?? 0) * 60 + (s ?? 0);
}

/** Checks a parsed scenario, and (given a layout) that each asset exists and fits its action. */
export function checkScenario(value: unknown, layout?: SiteLayout) {
  return checkValue(Scenario, value, (scenario) => [
    ...checkFlowOverrides(scenario.flow ?? {}, 'flow.'),
    ...scenario.timeline.flatMap((injection, i) => checkInjection(injection, `timeline.${i}`, layout)),
  ]);
}

function checkInjection(injection: Injection, path: string, layout?: SiteLayout): string[] {
  const kinds = ACTION_KINDS[injection.action];
  if (kinds.length === 0) {
    if (injection.action === 'arrivals.surge' && injection.factor === undefined) return [`${path}.factor: required for arrivals.surge`];
    return [];
  }
  if (injection.action === 'camera.detection' && injection.label === undefined) return [`${path}.label: required for camera.detection`];
  if (injection.asset === undefined) return [`${path}.asset: required for ${injection.action}`];
  if (!layout) return [];
  const asset = layout.assets.find((a) => a.id === injection.asset);
  if (!asset) return [`${path}.asset: no asset "${injection.asset}" in site ${layout.site}`];
  if (!kinds.includes(asset.kind))
    return [`${path}.asset: "${asset.id}" is a ${asset.kind}; ${injection.action} needs a ${kinds.join(' or ')}`];
  return [];
}

/** Reads a scenario file; throws ConfigFileError naming the file and the field at fault. */
export function readScenarioFile(path: string, layout?: SiteLayout): Scenario {
  const json = readJson(path);
  if (!json.ok) throw new ConfigFileError('scenario file', path, json.errors.join('; '));
  const checked = checkScenario(json.value, layout);
  if (!checked.ok) throw new ConfigFileError('scenario file', path, checked.errors.join('; '));
  return checked.value;
}
