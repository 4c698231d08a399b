// Decoding one MQTT message against the device contract: topic, size, JSON, schema, time.
import Compile from 'typebox/compile';
import { REQUIRED_METRICS, type DeviceState } from './asset-kinds';
import { DEVICE_LIMITS, unstorableJson, unstorableString } from './device-limits';
import { EVENT_DATA, EventPayload, StatusPayload, TelemetryPayload } from './payloads';
import { type DeviceTopic, parseTopic } from './topic';

/** A payload larger than this is rejected before it is parsed. */
export const MAX_PAYLOAD_BYTES = DEVICE_LIMITS.maxPayloadBytes;
/** Device clocks may run ahead of ours by this much; further ahead is rejected. */
export const MAX_FUTURE_SKEW_MS = DEVICE_LIMITS.maxFutureSkewMs;

interface MessageBase extends DeviceTopic {
  /** Device time, epoch milliseconds. */
  ts: number;
  /** When it reached us, epoch milliseconds. */
  receivedAt: number;
}
export interface TelemetryMessage extends MessageBase {
  channel: 'telemetry';
  seq: number;
  metrics: Record<string, number | boolean | string>;
}
export interface EventMessage extends MessageBase {
  channel: 'event';
  seq: number;
  type: string;
  data: Record<string, unknown>;
}
export interface StatusMessage extends MessageBase {
  channel: 'status';
  state: DeviceState;
  reason: string | null;
  /** Delivered as a retained message (the broker's copy, not a fresh publish). */
  retained: boolean;
}
export type DeviceMessage = TelemetryMessage | EventMessage | StatusMessage;

export type Decoded = { ok: true; message: DeviceMessage } | { ok: false; reason: string };

export interface RawDeviceMessage {
  topic: string;
  payload: string;
  payloadBytes: number;
  receivedAt: number;
  retained?: boolean;
}

const telemetryValidator = Compile(TelemetryPayload);
const eventValidator = Compile(EventPayload);
const statusValidator = Compile(StatusPayload);
const eventDataValidators = new Map(
  Object.entries(EVENT_DATA).flatMap(([kind, events]) =>
    Object.entries(events ?? {}).map(([type, schema]) => [`${kind}:${type}`, Compile(schema)] as const),
  ),
);

// A device publishes on the same few topics all its life: remember their parses. Bounded, so
// a flood of made-up topics cannot grow it without limit.
const TOPIC_CACHE_LIMIT = 50_000;
const topicCache = new Map<string, ReturnType<typeof parseTopic>>();

function parseTopicCached(topic: string): ReturnType<typeof parseTopic> {
  let parsed = topicCache.get(topic);
  if (parsed === undefined) {
    if (topicCache.size >= TOPIC_CACHE_LIMIT) topicCache.clear();
    parsed = parseTopic(topic);
    topicCache.set(topic, parsed);
  }
  return parsed;
}

/** Decodes a message, or gives the reason it breaks the contract (for the dead-letter store). */
export function decodeDeviceMessage(raw: RawDeviceMessage): Decoded {
  if (raw.topic.length > DEVICE_LIMITS.maxTopicLength) {
    return { ok: false, reason: `topic of ${raw.topic.length} characters exceeds ${DEVICE_LIMITS.maxTopicLength}` };
  }
  const parsedTopic = parseTopicCached(raw.topic);
  if (!parsedTopic.ok) return parsedTopic;
  const topic = parsedTopic.topic;
  if (raw.payloadBytes > MAX_PAYLOAD_BYTES) {
    return { ok: false, reason: `payload of ${raw.payloadBytes} bytes exceeds ${MAX_PAYLOAD_BYTES}` };
  }
  let body: unknown;
  try {
    body = JSON.parse(raw.payload);
  } catch (error) {
    return { ok: false, reason: `payload is not JSON: ${(error as Error).message}` };
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    return { ok: false, reason: 'payload must be a JSON object' };
  }
  switch (topic.channel) {
    case 'telemetry':
      return decodeTelemetry(topic, body, raw.receivedAt);
    case 'event':
      return decodeEvent(topic, body, raw.receivedAt);
    case 'status':
      return decodeStatus(topic, body, raw.receivedAt, raw.retained ?? false);
  }
}

function decodeTelemetry(topic: DeviceTopic, body: object, receivedAt: number): Decoded {
  if (!telemetryValidator.Check(body)) return schemaError('telemetry', telemetryValidator.Errors(body));
  for (const name of REQUIRED_METRICS[topic.kind]) {
    const value = body.metrics[name];
    if (value !== undefined && typeof value !== 'number') {
      return { ok: false, reason: `telemetry metric ${name} must be a number, got ${JSON.stringify(value)}` };
    }
  }
  const unstorable = unstorableJson(body.metrics, 'metrics');
  if (unstorable) return { ok: false, reason: `telemetry: ${unstorable}` };
  const ts = deviceTime(body.ts, receivedAt);
  if (!ts.ok) return ts;
  return { ok: true, message: { ...topic, channel: 'telemetry', ts: ts.value, receivedAt, seq: body.seq, metrics: body.metrics } };
}

function decodeEvent(topic: DeviceTopic, body: object, receivedAt: number): Decoded {
  if (!eventValidator.Check(body)) return schemaError('event', eventValidator.Errors(body));
  const data = body.data ?? {};
  const dataValidator = eventDataValidators.get(`${topic.kind}:${body.type}`);
  if (dataValidator && !dataValidator.Check(data)) return schemaError(`event ${body.type} data`, dataValidator.Errors(data));
  const unstorable = unstorableJson(data, 'data');
  if (unstorable) return { ok: false, reason: `event ${body.type}: ${unstorable}` };
  const ts = deviceTime(body.ts, receivedAt);
  if (!ts.ok) return ts;
  return { ok: true, message: { ...topic, channel: 'event', ts: ts.value, receivedAt, seq: body.seq, type: body.type, data } };
}

function decodeStatus(topic: DeviceTopic, body: object, receivedAt: number, retained: boolean): Decoded {
  if (!statusValidator.Check(body)) return schemaError('status', statusValidator.Errors(body));
  const unstorable = body.reason === undefined ? null : unstorableString(body.reason);
  if (unstorable) return { ok: false, reason: `status: reason ${unstorable}` };
  const ts = deviceTime(body.ts, receivedAt);
  if (!ts.ok) return ts;
  const message: StatusMessage = {
    ...topic,
    channel: 'status',
    ts: ts.value,
    receivedAt,
    state: body.state,
    reason: body.reason ?? null,
    retained,
  };
  return { ok: true, message };
}

/** The latest instant a JavaScript Date holds (ECMAScript's time range). */
const MAX_DATE_MS = 8.64e15;

function deviceTime(value: number | string, receivedAt: number): { ok: true; value: number } | { ok: false; reason: string } {
  const ms = typeof value === 'number' ? value : Date.parse(value);
  if (!Number.isFinite(ms)) return { ok: false, reason: `ts "${value}" is not a valid time` };
  if (ms < DEVICE_LIMITS.minTimeMs) return { ok: false, reason: `ts ${JSON.stringify(value)} is before 1970-01-01` };
  if (ms > receivedAt + MAX_FUTURE_SKEW_MS) {
    // Past year 275760 a Date cannot be shown (toISOString throws): give the number as it came.
    const shown = ms <= MAX_DATE_MS ? new Date(ms).toISOString() : JSON.stringify(value);
    return { ok: false, reason: `ts ${shown} is more than ${MAX_FUTURE_SKEW_MS / 1000}s in the future` };
  }
  return { ok: true, value: ms };
}

function schemaError(what: string, errors: { instancePath: string; message: string }[]): Decoded {
  const first = errors[0];
  const where = first?.instancePath ? first.instancePath.slice(1).replaceAll('/', '.') : 'payload';
  return { ok: false, reason: `${what}: ${where} ${first?.message ?? 'is invalid'}` };
}
