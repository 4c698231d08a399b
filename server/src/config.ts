// The server's configuration: environment variables (SPEC.md, stable interfaces), typed and
// checked in one place. Nothing else reads process.env.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import { createSecureContext } from 'node:tls';
import { DEFAULT_GATEWAY_ID, DEFAULT_PLATE_RETENTION_DAYS, DEFAULT_SITE, DEFAULT_TOPIC_FILTER } from '@porttwin/contracts';
import { DEFAULT_DEVICE_RATE_PER_SEC } from './embedded/publish-limits';

export interface ServerConfig {
  /** A real broker; null = start the embedded one. */
  mqttUrl: string | null;
  /** The embedded broker's plain TCP port; null (MQTT_PORT=off): on loopback only, for the console's own pieces. */
  mqttPort: number | null;
  /** The embedded broker's MQTT-over-TLS port, when tls is set. */
  mqttsPort: number;
  /** HTTPS and MQTTS with this certificate and key; null = plain HTTP. `tls !== null` means the console is served over HTTPS. */
  tls: TlsFiles | null;
  /** A CA to trust for an mqtts:// MQTT_URL whose certificate is not signed by a public one. */
  mqttCa: Buffer | null;
  /** A real PostgreSQL/TimescaleDB; null = embedded PGlite. */
  databaseUrl: string | null;
  dataDir: string;
  port: number;
  host: string;
  adminPassword: string | null;
  siteFile: string;
  /** TARGETS_FILE; null = the `.targets.json` beside the site file, if there is one. */
  targetsFile: string | null;
  /** ALERTS_FILE; null = the `.alerts.json` beside the site file, if there is one. */
  alertsFile: string | null;
  /** Run the port simulator in this process (demo and tests). */
  simulator: boolean;
  /** The in-process simulator's links: one shared connection, or one per device as real hardware. */
  simulatorConnections: 'shared' | 'per-device';
  /** Let anonymous clients into the embedded broker with every right: development only. */
  allowAnonymousMqtt: boolean;
  /** Messages a second a device may publish on the embedded broker, on average; 0 = no bound. */
  deviceRateLimit: number;
  /** Days dead letters are kept; older ones are deleted by a periodic job. */
  deadLetterRetentionDays: number;
  /** Run an edge gateway in this process. */
  edge: boolean;
  /** The gateway's MQTT client id: its persistent session on the broker. */
  edgeGatewayId: string;
  /** What the gateway subscribes to. */
  edgeTopicFilter: string;
  kpiIntervalMs: number;
  /** A user's session ends after this long without a request… */
  sessionIdleMs: number;
  /** …and this long after sign-in at the latest. */
  sessionMaxMs: number;
  /** The session cookie is Secure: browsers reach the console over HTTPS (its own TLS or a proxy's). */
  secureCookies: boolean;
  /** Days a stored row keeps its plate in the clear; older plates are masked (issue 8). */
  plateRetentionDays: number;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  /** Human-readable log lines (a terminal) rather than JSON (a log collector). */
  prettyLogs: boolean;
}

/** A PEM certificate (chain) and its private key, read at start. */
export interface TlsFiles {
  cert: Buffer;
  key: Buffer;
  certFile: string;
  keyFile: string;
}

export class ConfigError extends Error {
  constructor(message: string) {
    super(`server: config: ${message}`);
    this.name = 'ConfigError';
  }
}

/** Reads and checks the configuration; a bad value throws ConfigError naming the variable. */
export function readConfig(env: NodeJS.ProcessEnv = process.env): ServerConfig {
  return {
    mqttUrl: optionalUrl(env, 'MQTT_URL', ['mqtt:', 'mqtts:', 'tcp:', 'ws:', 'wss:']),
    mqttPort: portOrOff(env, 'MQTT_PORT', 1883),
    mqttsPort: port(env, 'MQTTS_PORT', 8883),
    tls: tlsFiles(env),
    mqttCa: mqttCa(env),
    databaseUrl: optionalUrl(env, 'DATABASE_URL', ['postgres:', 'postgresql:']),
    dataDir: resolve(env.DATA_DIR || 'data'),
    port: port(env, 'PORT', 8080),
    host: env.HOST || '0.0.0.0',
    adminPassword: env.PORTTWIN_ADMIN_PASSWORD || null,
    siteFile: resolve(env.SITE_FILE || createRequire(import.meta.url).resolve(DEFAULT_SITE)),
    targetsFile: env.TARGETS_FILE ? resolve(env.TARGETS_FILE) : null,
    alertsFile: env.ALERTS_FILE ? resolve(env.ALERTS_FILE) : null,
    simulator: flag(env, 'SIMULATOR', true),
    simulatorConnections: oneOf(env, 'SIMULATOR_CONNECTIONS', ['shared', 'per-device'] as const, 'shared'),
    allowAnonymousMqtt: flag(env, 'PORTTWIN_ALLOW_ANONYMOUS_MQTT', false),
    deviceRateLimit: integer(env, 'PORTTWIN_DEVICE_RATE_LIMIT', DEFAULT_DEVICE_RATE_PER_SEC, 0, 1_000_000),
    deadLetterRetentionDays: integer(env, 'PORTTWIN_DEAD_LETTER_RETENTION_DAYS', 30, 1, 36_500),
    edge: flag(env, 'EDGE', true),
    edgeGatewayId: env.EDGE_GATEWAY_ID || DEFAULT_GATEWAY_ID,
    edgeTopicFilter: env.EDGE_TOPIC_FILTER || DEFAULT_TOPIC_FILTER,
    kpiIntervalMs: integer(env, 'KPI_INTERVAL_MS', 60_000, 1000, 3_600_000),
    sessionIdleMs: integer(env, 'SESSION_IDLE_MINUTES', 30, 1, 24 * 60) * 60_000,
    sessionMaxMs: integer(env, 'SESSION_MAX_HOURS', 12, 1, 24 * 7) * 3_600_000,
    // Over its own TLS the console knows it is HTTPS; behind a TLS-terminating proxy it cannot.
    secureCookies: flag(env, 'SESSION_COOKIE_SECURE', Boolean(env.TLS_CERT_FILE)),
    plateRetentionDays: integer(env, 'PLATE_RETENTION_DAYS', DEFAULT_PLATE_RETENTION_DAYS, 1, 36_500),
    logLevel: oneOf(env, 'LOG_LEVEL', ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const, 'info'),
    prettyLogs: flag(env, 'LOG_PRETTY', Boolean(process.stdout.isTTY)),
  };
}

/** TLS_CERT_FILE and TLS_KEY_FILE, both or neither; a pair that TLS cannot use is refused here, not at the first handshake. */
function tlsFiles(env: NodeJS.ProcessEnv): TlsFiles | null {
  const certFile = env.TLS_CERT_FILE;
  const keyFile = env.TLS_KEY_FILE;
  if (!certFile && !keyFile) return null;
  if (!certFile) throw new ConfigError('TLS_KEY_FILE is set without TLS_CERT_FILE: give both (PEM files) or neither');
  if (!keyFile) throw new ConfigError('TLS_CERT_FILE is set without TLS_KEY_FILE: give both (PEM files) or neither');
  const files = { cert: pemFile('TLS_CERT_FILE', certFile), key: pemFile('TLS_KEY_FILE', keyFile), certFile, keyFile };
  try {
    createSecureContext({ cert: files.cert, key: files.key });
  } catch (error) {
    throw new ConfigError(
      `TLS_CERT_FILE="${certFile}" and TLS_KEY_FILE="${keyFile}" are not a PEM certificate and its key: ${(error as Error).message}`,
    );
  }
  return files;
}

/** A CA only matters to a TLS MQTT_URL: one given for the embedded broker or a plain URL is a mistake worth naming. */
function mqttCa(env: NodeJS.ProcessEnv): Buffer | null {
  if (!env.MQTT_CA_FILE) return null;
  if (!/^(mqtts|wss):/i.test(env.MQTT_URL ?? '')) {
    throw new ConfigError(
      "MQTT_CA_FILE is set but MQTT_URL is not mqtts:// or wss:// (the console's own pieces reach the embedded broker without TLS)",
    );
  }
  return pemFile('MQTT_CA_FILE', env.MQTT_CA_FILE);
}

function pemFile(name: string, path: string): Buffer {
  try {
    return readFileSync(path);
  } catch (error) {
    throw new ConfigError(`${name}="${path}" cannot be read: ${(error as Error).message}`);
  }
}

function optionalUrl(env: NodeJS.ProcessEnv, name: string, protocols: string[]): string | null {
  const value = env[name];
  if (!value) return null;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new ConfigError(`${name} is not a URL`);
  }
  if (!protocols.includes(url.protocol)) throw new ConfigError(`${name} must start with ${protocols.join(' or ')}//`);
  return value;
}

function portOrOff(env: NodeJS.ProcessEnv, name: string, fallback: number): number | null {
  if (env[name] === 'off') return null;
  try {
    return port(env, name, fallback);
  } catch {
    throw new ConfigError(`${name}="${env[name]}" must be a port (an integer from 0 to 65535) or off`);
  }
}

function port(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  return integer(env, name, fallback, 0, 65535);
}

function integer(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number, max: number): number {
  const value = env[name];
  if (value === undefined || value === '') return fallback;
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < min || parsed > max) {
    throw new ConfigError(`${name}="${value}" must be an integer from ${min} to ${max}`);
  }
  return parsed;
}

function oneOf<T extends string>(env: NodeJS.ProcessEnv, name: string, allowed: readonly T[], fallback: T): T {
  const value = env[name];
  if (value === undefined || value === '') return fallback;
  if (!(allowed as readonly string[]).includes(value)) throw new ConfigError(`${name}="${value}" must be one of ${allowed.join(', ')}`);
  return value as T;
}

function flag(env: NodeJS.ProcessEnv, name: string, fallback: boolean): boolean {
  const value = env[name];
  if (value === undefined || value === '') return fallback;
  if (['1', 'true', 'on', 'yes'].includes(value)) return true;
  if (['0', 'false', 'off', 'no'].includes(value)) return false;
  throw new ConfigError(`${name}="${value}" must be on or off`);
}
