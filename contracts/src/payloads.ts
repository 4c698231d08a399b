// JSON payload schemas of the three device channels, and the known events' data.
import Type from 'typebox';
import type { AssetKind } from './asset-kinds';
import { DEVICE_LIMITS } from './device-limits';

/** Epoch milliseconds or an RFC 3339 string, as the device set it. */
export const DeviceTime = Type.Union([
  Type.Integer({ minimum: DEVICE_LIMITS.minTimeMs }),
  Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}[Tt ]\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?([Zz]|[+-]\\d{2}:\\d{2})$' }),
]);

export const MetricValue = Type.Union([Type.Number(), Type.Boolean(), Type.String({ maxLength: 256 })]);

export const TelemetryPayload = Type.Object({
  ts: DeviceTime,
  seq: Type.Integer({ minimum: 0, maximum: DEVICE_LIMITS.maxSeq }),
  metrics: Type.Record(Type.String({ pattern: '^[A-Za-z0-9_.-]{1,64}$' }), MetricValue),
});
export type TelemetryPayload = Type.Static<typeof TelemetryPayload>;

export const EventPayload = Type.Object({
  ts: DeviceTime,
  seq: Type.Integer({ minimum: 0, maximum: DEVICE_LIMITS.maxSeq }),
  type: Type.String({ pattern: '^[a-z][a-z0-9_.]{0,63}$' }),
  data: Type.Optional(Type.Record(Type.String(), Type.Unknown())),
});
export type EventPayload = Type.Static<typeof EventPayload>;

export const StatusPayload = Type.Object({
  ts: DeviceTime,
  state: Type.Union([Type.Literal('online'), Type.Literal('offline'), Type.Literal('fault'), Type.Literal('maintenance')]),
  reason: Type.Optional(Type.String({ maxLength: 512 })),
});
export type StatusPayload = Type.Static<typeof StatusPayload>;

// Never a `*`: that marks a plate masked for a role or by retention (plates.ts).
const Plate = Type.String({ minLength: 1, maxLength: 32, pattern: '^[^*]+$' });
const FaultRaised = Type.Object({ code: Type.String(), severity: Type.String(), message: Type.String() });
const FaultCleared = Type.Object({ code: Type.String() });

/** The data each known event must carry (docs/device-contract.md); an unlisted event type is stored as it comes. */
export const EVENT_DATA: Partial<Record<AssetKind, Record<string, ReturnType<typeof Type.Object>>>> = {
  gate: {
    'truck.arrived': Type.Object({
      plate: Plate,
      direction: Type.Union([Type.Literal('in'), Type.Literal('out')]),
      containers: Type.Array(Type.String()),
    }),
    'truck.admitted': Type.Object({ plate: Plate, processingSec: Type.Number({ minimum: 0 }) }),
    // processingSec on a rejection was added to v1 later (optional, so older lanes stay valid).
    'truck.rejected': Type.Object({ plate: Plate, reason: Type.String(), processingSec: Type.Optional(Type.Number({ minimum: 0 })) }),
    // Added to v1 (issue 9): the lane's reader saw a truck turn away from a full queue.
    'truck.balked': Type.Object({ plate: Plate, reason: Type.String() }),
  },
  qc: {
    'move.completed': Type.Object({
      container: Type.String(),
      kind: Type.Union([Type.Literal('load'), Type.Literal('discharge')]),
      cycleSec: Type.Number({ minimum: 0 }),
    }),
    'fault.raised': FaultRaised,
    'fault.cleared': FaultCleared,
  },
  yc: {
    'move.completed': Type.Object({
      container: Type.String(),
      kind: Type.Union([Type.Literal('stack'), Type.Literal('retrieve'), Type.Literal('shuffle')]),
      cycleSec: Type.Number({ minimum: 0 }),
    }),
    'fault.raised': FaultRaised,
    'fault.cleared': FaultCleared,
  },
  scanner: {
    'scan.started': Type.Object({ plate: Plate, container: Type.String() }),
    'scan.completed': Type.Object({
      plate: Plate,
      container: Type.String(),
      durationSec: Type.Number({ minimum: 0 }),
      verdict: Type.Union([Type.Literal('clear'), Type.Literal('suspect')]),
    }),
    // Added to v1 (issue 9): the hall's entry reader saw a selected truck join the scan queue.
    'scan.queued': Type.Object({ plate: Plate, container: Type.String() }),
  },
  rpm: {
    'radiation.alarm': Type.Object({
      plate: Plate,
      level: Type.Union([Type.Literal('low'), Type.Literal('high')]),
      gammaCps: Type.Number({ minimum: 0 }),
    }),
    // Added to v1 (issue 9): occupancy of the portal, with the plate its lane's reader read.
    'occupancy.started': Type.Object({ plate: Plate, lane: Type.String({ minLength: 1, maxLength: 64 }) }),
    'occupancy.ended': Type.Object({
      plate: Plate,
      lane: Type.String({ minLength: 1, maxLength: 64 }),
      occupiedSec: Type.Number({ minimum: 0 }),
    }),
  },
  // Added to v1 (issue 9): a truck tracker's geofence around the yard block it was sent to.
  truck: {
    'yard.entered': Type.Object({ plate: Plate, block: Type.String({ minLength: 1, maxLength: 64 }) }),
    'yard.left': Type.Object({ plate: Plate, block: Type.String({ minLength: 1, maxLength: 64 }) }),
  },
  camera: {
    detection: Type.Object({
      label: Type.String({ minLength: 1 }),
      confidence: Type.Number({ minimum: 0, maximum: 1 }),
      zone: Type.String(),
    }),
  },
  vessel: {
    'berth.arrived': Type.Object({
      berth: Type.String(),
      voyage: Type.String(),
      // Added to v1 (issue 9): the moves the call's stowage plan holds (discharge + load),
      // which vessel progress is counted against. Optional: a feed without the plan still conforms.
      plannedMoves: Type.Optional(Type.Integer({ minimum: 0, maximum: 100_000 })),
    }),
    'berth.departed': Type.Object({ berth: Type.String(), voyage: Type.String() }),
  },
};

/** Camera detection labels every camera must be able to report. */
export const DETECTION_LABELS = ['no_helmet', 'person_in_zone', 'smoke', 'fire', 'obstacle', 'container_door_open'] as const;
