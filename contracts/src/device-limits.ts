// What the database can store, checked before it is asked to: a value PostgreSQL refuses
// would otherwise fail the whole batch holding it (docs/device-contract.md, "Limits").

/** The limits of a device message beyond its schema; each is a reason to dead-letter it. */
export const DEVICE_LIMITS = {
  /** A payload larger than this is rejected before it is parsed. */
  maxPayloadBytes: 64 * 1024,
  /** Device clocks may run ahead of ours by this much; further ahead is rejected. */
  maxFutureSkewMs: 5 * 60 * 1000,
  /** Earliest device time accepted (1970-01-01, the epoch): a clock before it is broken. */
  minTimeMs: 0,
  /** Largest `seq`: exact in JSON's doubles and well inside PostgreSQL's bigint. */
  maxSeq: Number.MAX_SAFE_INTEGER,
  /** Objects and arrays nested deeper than this in event data are rejected. */
  maxDepth: 16,
  /** Keys of one object, and items of one array, in event data. */
  maxEntries: 1024,
  /** Characters of one key in event data. */
  maxKeyLength: 256,
  /** Characters of a topic (MQTT allows 65,535 bytes; the contract's longest is far shorter). */
  maxTopicLength: 256,
  /**
   * Bytes of one MQTT packet, headers included: the largest payload with room for the longest
   * topic (256 characters, up to 1 KiB in UTF-8), the fixed and variable headers and MQTT 5
   * properties. Brokers refuse larger packets and gateways do not take them (MQTT allows 256 MB).
   */
  maxPacketBytes: 64 * 1024 + 2048,
} as const;

// PostgreSQL's jsonb and text refuse U+0000, and jsonb refuses a lone UTF-16 surrogate
// (JSON.parse accepts both, from "\u0000" and "\ud800" escapes).
const UNSTORABLE_CHARACTER = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Why a string cannot be stored in PostgreSQL text or jsonb, or null when it can. */
export function unstorableString(value: string): string | null {
  const found = UNSTORABLE_CHARACTER.exec(value);
  if (!found) return null;
  const code = found[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0');
  return code === '0000'
    ? 'contains U+0000, which PostgreSQL cannot store'
    : `contains a lone surrogate U+${code}, which is not Unicode text`;
}

/**
 * Why a parsed JSON value cannot be stored as jsonb (naming the field by its path), or null
 * when it can. Walks at most maxDepth levels, so a hostile nesting costs little.
 */
export function unstorableJson(value: unknown, path: string): string | null {
  return check(value, path, 0);
}

function check(value: unknown, path: string, depth: number): string | null {
  if (typeof value === 'string') {
    const problem = unstorableString(value);
    return problem ? `${path} ${problem}` : null;
  }
  if (typeof value === 'number') return Number.isFinite(value) ? null : `${path} must be a finite number`;
  if (value === null || typeof value !== 'object') return null;
  if (depth >= DEVICE_LIMITS.maxDepth) return `${path} nests deeper than ${DEVICE_LIMITS.maxDepth} levels`;
  if (Array.isArray(value)) {
    if (value.length > DEVICE_LIMITS.maxEntries) return `${path} has ${value.length} items, more than ${DEVICE_LIMITS.maxEntries}`;
    for (let index = 0; index < value.length; index += 1) {
      const problem = check(value[index], `${path}[${index}]`, depth + 1);
      if (problem) return problem;
    }
    return null;
  }
  const keys = Object.keys(value);
  if (keys.length > DEVICE_LIMITS.maxEntries) return `${path} has ${keys.length} keys, more than ${DEVICE_LIMITS.maxEntries}`;
  for (const key of keys) {
    if (key.length > DEVICE_LIMITS.maxKeyLength)
      return `${path} has a key of ${key.length} characters, more than ${DEVICE_LIMITS.maxKeyLength}`;
    const keyProblem = unstorableString(key);
    if (keyProblem) return `${path} has a key that ${keyProblem}`;
    const problem = check((value as Record<string, unknown>)[key], `${path}.${key}`, depth + 1);
    if (problem) return problem;
  }
  return null;
}

const UNSTORABLE_CHARACTERS = new RegExp(UNSTORABLE_CHARACTER.source, 'g');

/** The string with every character PostgreSQL cannot store replaced by U+FFFD (for dead letters, which keep what came). */
export function toStorableText(value: string): string {
  return value.replace(UNSTORABLE_CHARACTERS, '\uFFFD');
}
