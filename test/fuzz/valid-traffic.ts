// Generated device traffic that keeps the contract (docs/device-contract.md): telemetry with
// the kind's metrics and extra ones, events known and unknown, statuses — with any Unicode
// the database can store. Each message's identity is given after sampling (seq and ts from
// its index), so every generated valid message is distinct.
import { ASSET_KINDS, type AssetKind, DEVICE_STATES, REQUIRED_METRICS } from '@porttwin/contracts';
import fc from 'fast-check';

/**
 * The default layout's site: a console takes new assets only under a site it knows (its
 * layout's or the device registry's), and dead-letters the rest (edge/src/asset-directory.ts).
 */
export const FUZZ_SITE = 'demo-port';
const ASSETS_PER_KIND = 40;

/** A message body before its identity (ts, seq) is set. */
export type Skeleton =
  | { channel: 'telemetry'; kind: AssetKind; assetId: string; metrics: Record<string, unknown> }
  | { channel: 'event'; kind: AssetKind; assetId: string; type: string; data: Record<string, unknown> }
  | { channel: 'status'; kind: AssetKind; assetId: string; state: string; reason?: string };

/** Unicode text PostgreSQL stores: any code point but U+0000 (fast-check's 'binary' unit never makes lone surrogates). */
export const storableText = (maxLength: number, minLength = 0) =>
  fc.string({ unit: 'binary', minLength, maxLength }).filter((text) => !text.includes('\u0000'));

const finiteNumber = fc.oneof(
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.constantFrom(0, 1e308, -1e308, 5e-324, Number.MAX_SAFE_INTEGER),
);

/** JSON a device may put in event data: nested at most 4 deep, storable strings and keys. */
const eventValue: fc.Arbitrary<unknown> = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    finiteNumber,
    fc.boolean(),
    fc.constant(null),
    storableText(40),
    fc.array(tie('value'), { maxLength: 5 }),
    fc.dictionary(storableText(16, 1), tie('value'), { maxKeys: 5 }),
  ),
})).value;

const assetOf = (kind: AssetKind) => fc.integer({ min: 0, max: ASSETS_PER_KIND - 1 }).map((index) => `FZ-${kind}-${index}`);
/** One arbitrary per kind, built once: arbitraries built inside chain() cost milliseconds per value. */
const forEveryKind = (build: (kind: AssetKind) => fc.Arbitrary<Skeleton>) => fc.oneof(...ASSET_KINDS.map(build));

// Extra metric names start with "m_", so they never take the name of a metric the kind must send as a number.
const extraMetrics = fc.dictionary(
  fc.stringMatching(/^[A-Za-z0-9_.-]{1,60}$/).map((name) => `m_${name}`),
  fc.oneof(finiteNumber, fc.boolean(), storableText(100)),
  { maxKeys: 6 },
);

const telemetry = forEveryKind((kind) =>
  fc
    .record({
      assetId: assetOf(kind),
      // Any of the kind's metrics, each a number when present.
      required: fc.record(Object.fromEntries(REQUIRED_METRICS[kind].map((name) => [name, finiteNumber])), { requiredKeys: [] }),
      extra: extraMetrics,
    })
    .map(({ assetId, required, extra }): Skeleton => ({ channel: 'telemetry', kind, assetId, metrics: { ...extra, ...required } })),
);

const assetsOf = Object.fromEntries(ASSET_KINDS.map((kind) => [kind, assetOf(kind)])) as Record<AssetKind, fc.Arbitrary<string>>;
const plate = fc.string({ unit: fc.constantFrom(...'粤港澳B0123456789ABCDEFGHJKLMNPQRSTUVWXYZ'), minLength: 1, maxLength: 12 });
const containerId = fc.stringMatching(/^[A-Z]{4}[0-9]{7}$/);

const known = (kind: AssetKind, type: string, data: fc.Arbitrary<Record<string, unknown>>) =>
  fc
    .record({ assetId: assetsOf[kind], data })
    .map(({ assetId, data: value }): Skeleton => ({ channel: 'event', kind, assetId, type, data: value }));

/** Events the contract lists, with the data their type requires. */
const knownEvent = fc.oneof(
  known(
    'gate',
    'truck.arrived',
    fc.record({ plate, direction: fc.constantFrom('in', 'out'), containers: fc.array(containerId, { maxLength: 2 }) }),
  ),
  known('gate', 'truck.admitted', fc.record({ plate, processingSec: fc.double({ min: 0, max: 3600, noNaN: true }) })),
  known(
    'qc',
    'move.completed',
    fc.record({
      container: containerId,
      kind: fc.constantFrom('load', 'discharge'),
      cycleSec: fc.double({ min: 0, max: 600, noNaN: true }),
    }),
  ),
  known(
    'scanner',
    'scan.completed',
    fc.record({
      plate,
      container: containerId,
      durationSec: fc.double({ min: 0, max: 900, noNaN: true }),
      verdict: fc.constantFrom('clear', 'suspect'),
    }),
  ),
  known(
    'rpm',
    'radiation.alarm',
    fc.record({ plate, level: fc.constantFrom('low', 'high'), gammaCps: fc.double({ min: 0, max: 1e6, noNaN: true }) }),
  ),
  known(
    'camera',
    'detection',
    fc.record({
      label: fc.constantFrom('smoke', 'fire', 'no_helmet'),
      confidence: fc.double({ min: 0, max: 1, noNaN: true }),
      zone: storableText(20),
    }),
  ),
);

// Types outside the contract's list start with "fz.", so no generated type is a listed one.
const otherType = fc.stringMatching(/^[a-z0-9_.]{1,40}$/).map((name) => `fz.${name}`);
const otherData = fc.dictionary(storableText(16, 1), eventValue, { maxKeys: 6 });
const otherEvent = forEveryKind((kind) =>
  fc
    .record({ assetId: assetOf(kind), type: otherType, data: otherData })
    .map(({ assetId, type, data }): Skeleton => ({ channel: 'event', kind, assetId, type, data })),
);

const status = forEveryKind((kind) =>
  fc
    .record({ assetId: assetOf(kind), state: fc.constantFrom(...DEVICE_STATES), reason: fc.option(storableText(80), { nil: undefined }) })
    .map(({ assetId, state, reason }): Skeleton => ({
      channel: 'status',
      kind,
      assetId,
      state,
      ...(reason === undefined ? {} : { reason }),
    })),
);

export const validSkeleton: fc.Arbitrary<Skeleton> = fc.oneof(
  { arbitrary: telemetry, weight: 5 },
  { arbitrary: knownEvent, weight: 2 },
  { arbitrary: otherEvent, weight: 2 },
  { arbitrary: status, weight: 1 },
);

export function topicOf(skeleton: Skeleton): string {
  return `porttwin/v1/${FUZZ_SITE}/${skeleton.kind}/${skeleton.assetId}/${skeleton.channel}`;
}

/** The JSON body of a skeleton once it has its identity. */
export function bodyOf(skeleton: Skeleton, ts: number, seq: number): Record<string, unknown> {
  switch (skeleton.channel) {
    case 'telemetry':
      return { ts, seq, metrics: skeleton.metrics };
    case 'event':
      return { ts: new Date(ts).toISOString(), seq, type: skeleton.type, data: skeleton.data };
    case 'status':
      return { ts, state: skeleton.state, ...(skeleton.reason === undefined ? {} : { reason: skeleton.reason }) };
  }
}
