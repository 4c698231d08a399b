// Generated messages that break the device contract, each by construction — so every one
// must become exactly one dead letter. Most are mutations of a valid message; the rest are
// numeric extremes, unstorable characters and escapes, invalid UTF-8, deep nesting, huge
// keys, oversized payloads and bad topics.
import { ASSET_KINDS, CHANNELS, DEVICE_LIMITS, REQUIRED_METRICS } from '@porttwin/contracts';
import fc from 'fast-check';
import { bodyOf, FUZZ_SITE, type Skeleton, storableText, topicOf, validSkeleton } from './valid-traffic';

export interface MalformedMessage {
  /** Which way it breaks the contract, for the failure message of a test that finds one stored. */
  flaw: string;
  topic: string;
  payload: Buffer;
}

/** Stands in for raw JSON text in a body, replaced once the body is serialised. */
const RAW = '\u0001raw\u0001';
const withRaw = (body: Record<string, unknown>, rawText: string) => JSON.stringify(body).replace(JSON.stringify(RAW), () => rawText);

/** A valid body with a generated identity: the raw material of mutations. */
const valid = fc
  .record({ skeleton: validSkeleton, seq: fc.integer({ min: 0, max: 1e9 }), age: fc.integer({ min: 0, max: 86_400_000 }) })
  .map(({ skeleton, seq, age }) => ({ skeleton, topic: topicOf(skeleton), body: bodyOf(skeleton, Date.now() - age, seq) }));

const message = (flaw: string, topic: string, payload: string | Buffer): MalformedMessage => ({
  flaw,
  topic,
  payload: typeof payload === 'string' ? Buffer.from(payload, 'utf8') : payload,
});

// seq outside 0..2^53-1, or not an integer, written as JSON text (1e300 is an integer to JSON.parse).
const badSeq = fc
  .record({
    base: valid.filter(({ skeleton }) => skeleton.channel !== 'status'),
    raw: fc.constantFrom(
      '1e300',
      '9007199254740993',
      '1e16',
      '18446744073709551616',
      '-1',
      '1.5',
      '1e400',
      '-1e400',
      '"7"',
      'true',
      'null',
      '[1]',
      '{}',
    ),
  })
  .map(({ base, raw }) => message(`seq ${raw}`, base.topic, withRaw({ ...base.body, seq: RAW }, raw)));

// A device time out of range, not an integer, not RFC 3339, in the future or before 1970.
const badTime = fc
  .record({
    base: valid,
    raw: fc.oneof(
      fc.constantFrom(
        '1e300',
        '-1',
        '1.5',
        '1e400',
        '"yesterday"',
        '"2026-13-45T00:00:00Z"',
        '"1969-12-31T23:59:59Z"',
        '"2026-11-22 10:00"',
        'null',
        'false',
        '{}',
      ),
      fc.integer({ min: 11 * 60_000, max: 10 * 365 * 86_400_000 }).map((ahead) => String(Date.now() + ahead)),
      fc.integer({ min: 11 * 60_000, max: 86_400_000 }).map((ahead) => JSON.stringify(new Date(Date.now() + ahead).toISOString())),
    ),
  })
  .map(({ base, raw }) => message(`ts ${raw}`, base.topic, withRaw({ ...base.body, ts: RAW }, raw)));

// Numbers JSON.parse turns into ±Infinity, in a metric or deep in event data.
const infiniteNumber = fc
  .record({
    base: valid.filter(({ skeleton }) => skeleton.channel !== 'status'),
    raw: fc.constantFrom('1e400', '-1e400', '1e999', '-2e308'),
  })
  .map(({ base, raw }) => {
    const body =
      base.skeleton.channel === 'telemetry'
        ? { ...base.body, metrics: { ...(base.body.metrics as object), m_overflow: RAW } }
        : { ...base.body, data: { ...(base.body.data as object), nested: [{ value: RAW }] } };
    return message(`number ${raw}`, base.topic, withRaw(body, raw));
  });

// U+0000 or a lone surrogate (JSON.stringify writes them as \u0000 and \ud800 escapes).
const unstorableCharacter = fc
  .record({
    base: valid,
    bad: fc.constantFrom('\u0000', '\uD800', '\uDFFF', '\uDBFF'),
    text: storableText(20),
    at: fc.nat(),
  })
  .map(({ base, bad, text, at }) => {
    const position = at % (text.length + 1);
    const tainted = `${text.slice(0, position)}${bad}${text.slice(position)}`;
    const { skeleton } = base;
    let body: Record<string, unknown>;
    if (skeleton.channel === 'telemetry') body = { ...base.body, metrics: { ...skeleton.metrics, m_text: tainted } };
    else if (skeleton.channel === 'event')
      body = { ...base.body, data: at % 2 === 0 ? { ...skeleton.data, note: { deep: [tainted] } } : { [tainted]: 1 } };
    else body = { ...base.body, reason: tainted };
    return message(`character U+${bad.charCodeAt(0).toString(16)}`, base.topic, JSON.stringify(body));
  });

// An unescaped control character inside a JSON string is not JSON.
const rawControlCharacter = fc
  .record({ base: valid, code: fc.integer({ min: 0, max: 0x1f }) })
  .map(({ base, code }) =>
    message('raw control character', base.topic, withRaw({ ...base.body, note: RAW }, `"a${String.fromCharCode(code)}b"`)),
  );

// Bytes that are not UTF-8, put anywhere in an otherwise valid payload.
const invalidUtf8 = fc
  .record({
    base: valid,
    bytes: fc.constantFrom(
      [0xff],
      [0xfe],
      [0x80],
      [0xc0, 0x80],
      [0xed, 0xa0, 0x80],
      [0xf8, 0x88, 0x80, 0x80, 0x80],
      [0xe2, 0x82],
      [0xf4, 0x90, 0x80, 0x80],
    ),
    at: fc.nat(),
  })
  .map(({ base, bytes, at }) => {
    const text = Buffer.from(JSON.stringify(base.body), 'utf8');
    const position = at % (text.length + 1);
    return message(
      `bytes ${bytes.join(',')}`,
      base.topic,
      Buffer.concat([text.subarray(0, position), Buffer.from(bytes), text.subarray(position)]),
    );
  });

// Event data nested deeper than the limit, as objects or arrays.
const deepNesting = fc
  .record({
    base: valid.filter(({ skeleton }) => skeleton.channel === 'event'),
    depth: fc.integer({ min: DEVICE_LIMITS.maxDepth + 1, max: 3000 }),
    arrays: fc.boolean(),
  })
  .map(({ base, depth, arrays }) => {
    const nested = arrays ? `${'['.repeat(depth)}1${']'.repeat(depth)}` : `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;
    return message(`nesting ${depth}`, base.topic, withRaw({ ...base.body, data: RAW }, nested));
  });

// A key past the limit (event data) or past the metric-name pattern (telemetry).
const hugeKey = fc
  .record({
    base: valid.filter(({ skeleton }) => skeleton.channel !== 'status'),
    length: fc.integer({ min: DEVICE_LIMITS.maxKeyLength + 1, max: 5000 }),
  })
  .map(({ base, length }) => {
    const key = 'k'.repeat(length);
    const body = base.skeleton.channel === 'telemetry' ? { ...base.body, metrics: { [key]: 1 } } : { ...base.body, data: { [key]: 1 } };
    return message(`key of ${length}`, base.topic, JSON.stringify(body));
  });

const tooManyKeys = fc
  .record({
    base: valid.filter(({ skeleton }) => skeleton.channel === 'event'),
    count: fc.integer({ min: DEVICE_LIMITS.maxEntries + 1, max: 3000 }),
  })
  .map(({ base, count }) =>
    message(
      `${count} keys`,
      base.topic,
      JSON.stringify({ ...base.body, data: Object.fromEntries(Array.from({ length: count }, (_, i) => [`k${i}`, i])) }),
    ),
  );

/**
 * Payloads past the contract's limit but inside the broker's packet limit, which the gateway
 * must dead-letter; a larger packet the broker refuses by hanging up on its sender
 * (server/src/embedded/packet-size-limit.test.ts, test/security/mosquitto-packet-size.test.ts).
 */
const OVERSIZE_ROOM = DEVICE_LIMITS.maxPacketBytes - DEVICE_LIMITS.maxPayloadBytes - 1024;
const oversized = fc.record({ base: valid, extra: fc.integer({ min: 1, max: OVERSIZE_ROOM }) }).map(({ base, extra }) => {
  const unpadded = Buffer.byteLength(JSON.stringify({ ...base.body, padding: '' }));
  const padding = 'x'.repeat(Math.max(0, DEVICE_LIMITS.maxPayloadBytes + extra - unpadded));
  return message('oversized', base.topic, JSON.stringify({ ...base.body, padding }));
});

// Topics under the namespace that break it one part at a time. Characters stay printable
// and free of MQTT wildcards, so the broker takes the publish and the gateway must judge it.
const topicText = (alphabet: string, minLength: number, maxLength: number) =>
  fc.string({ unit: fc.constantFrom(...alphabet), minLength, maxLength });
const badTopic = fc
  .record({
    base: valid,
    which: fc.nat({ max: 7 }),
    site: fc.oneof(topicText('ABCDEFXYZ_.~', 1, 12), topicText('abc', 33, 60), fc.constant('')),
    kind: topicText('abcdefghijklmnopqrstuvwxyz', 0, 12).filter((kind) => !(ASSET_KINDS as readonly string[]).includes(kind)),
    assetId: fc.oneof(
      topicText('AB12.: ~港', 1, 20).filter((id) => !/^[A-Za-z0-9_-]+$/.test(id)),
      topicText('A', 65, 120),
      fc.constant(''),
    ),
    channel: topicText('abcdefghijklmnopqrstuvwxyz', 0, 12).filter((channel) => !(CHANNELS as readonly string[]).includes(channel)),
  })
  .map(({ base, which, site, kind, assetId, channel }) => {
    const { skeleton } = base;
    const parts = ['porttwin', 'v1', FUZZ_SITE, skeleton.kind, skeleton.assetId, skeleton.channel];
    let topic: string;
    switch (which) {
      case 0:
        topic = ['porttwin', 'v1', site, ...parts.slice(3)].join('/');
        break;
      case 1:
        topic = [...parts.slice(0, 3), kind, ...parts.slice(4)].join('/');
        break;
      case 2:
        topic = [...parts.slice(0, 4), assetId, parts[5]].join('/');
        break;
      case 3:
        topic = [...parts.slice(0, 5), channel].join('/');
        break;
      case 4:
        topic = `${parts.join('/')}/extra`;
        break;
      case 5:
        topic = parts.slice(0, 5).join('/');
        break;
      case 6:
        topic = `${parts.join('/')}/`;
        break;
      default:
        topic = `${parts.join('/')}/${'x'.repeat(DEVICE_LIMITS.maxTopicLength)}`;
    }
    return message(`topic ${topic.slice(0, 80)}`, topic, JSON.stringify(base.body));
  });

// A proper prefix of a JSON object is never JSON; nor are these.
const notJson = fc.oneof(
  fc.record({ base: valid, cut: fc.nat() }).map(({ base, cut }) => {
    const text = JSON.stringify(base.body);
    return message('truncated JSON', base.topic, text.slice(0, cut % text.length));
  }),
  fc
    .record({ base: valid, text: fc.constantFrom("{'ts': 1}", 'hello', '{"ts":1,}', 'NaN', '{"a":1}}', '\u00ef\u00bb\u00bf{}') })
    .map(({ base, text }) => message('not JSON', base.topic, text)),
);

const notObject = fc
  .record({ base: valid, text: fc.constantFrom('[]', '123', '"text"', 'null', 'true', '[{"ts":1}]', '-0') })
  .map(({ base, text }) => message('not an object', base.topic, text));

// A required field gone, or of a type it can never have.
const REQUIRED_FIELDS = { telemetry: ['ts', 'seq', 'metrics'], event: ['ts', 'seq', 'type'], status: ['ts', 'state'] } as const;
const missingField = fc.record({ base: valid, pick: fc.nat() }).map(({ base, pick }) => {
  const fields = REQUIRED_FIELDS[base.skeleton.channel];
  const field = fields[pick % fields.length]!;
  const { [field]: _gone, ...rest } = base.body;
  return message(`no ${field}`, base.topic, JSON.stringify(rest));
});

const wrongType = fc.record({ base: valid, pick: fc.nat(), text: storableText(10) }).map(({ base, pick, text }) => {
  const { skeleton, body } = base;
  const wrong = (field: string, value: unknown) =>
    message(`${field} ${JSON.stringify(value)}`.slice(0, 80), base.topic, JSON.stringify({ ...body, [field]: value }));
  switch (skeleton.channel) {
    case 'telemetry': {
      const required = REQUIRED_METRICS[skeleton.kind];
      const metric = required[pick % required.length]!;
      const options = [
        () => wrong('metrics', [1, 2]),
        () => wrong('metrics', `queue ${text}`),
        () => wrong('metrics', null),
        () => wrong('metrics', { ...skeleton.metrics, [metric]: `${text}!` }),
        () => wrong('metrics', { ...skeleton.metrics, [metric]: pick % 2 === 0 }),
        () => wrong('metrics', { ...skeleton.metrics, nested: { value: 1 } }),
        () => wrong('metrics', { ...skeleton.metrics, m_long: 'x'.repeat(300) }),
      ];
      return options[pick % options.length]!();
    }
    case 'event': {
      const options = [
        () => wrong('type', ''),
        () => wrong('type', `Bad ${text}`),
        () => wrong('type', 17),
        () => wrong('type', `9${text}`),
        () => wrong('data', [1, 2]),
        () => wrong('data', 'data'),
        () =>
          message(
            'known event with wrong data',
            `porttwin/v1/${FUZZ_SITE}/gate/${skeleton.assetId}/event`,
            JSON.stringify({ ...body, type: 'truck.arrived', data: { plate: pick, direction: 'sideways', containers: 'none' } }),
          ),
      ];
      return options[pick % options.length]!();
    }
    case 'status': {
      const options = [
        () => wrong('state', `sleeping${text}`),
        () => wrong('state', 1),
        () => wrong('reason', pick),
        () => wrong('reason', 'x'.repeat(600)),
      ];
      return options[pick % options.length]!();
    }
  }
});

export const malformedMessage: fc.Arbitrary<MalformedMessage> = fc.oneof(
  { arbitrary: badSeq, weight: 8 },
  { arbitrary: badTime, weight: 8 },
  { arbitrary: infiniteNumber, weight: 5 },
  { arbitrary: unstorableCharacter, weight: 10 },
  { arbitrary: rawControlCharacter, weight: 4 },
  { arbitrary: invalidUtf8, weight: 8 },
  { arbitrary: deepNesting, weight: 3 },
  { arbitrary: hugeKey, weight: 3 },
  { arbitrary: tooManyKeys, weight: 1 },
  { arbitrary: oversized, weight: 1 },
  { arbitrary: badTopic, weight: 10 },
  { arbitrary: notJson, weight: 8 },
  { arbitrary: notObject, weight: 3 },
  { arbitrary: missingField, weight: 8 },
  { arbitrary: wrongType, weight: 12 },
);
