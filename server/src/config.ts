// The server's configuration: environment variables (SPEC.md, stable interfaces), typed and
// checked in one place. Nothing else reads process.env.
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import { DEFAULT_GATEWAY_ID, DEFAULT_SITE, DEFAULT_TOPIC_FILTER } from '@porttwin/contracts';
import { DEFAULT_DEVICE_RATE_PER_SEC } from './embedded/publish-limits';

export interface ServerConfig {
  /** A real broker; null = start the embedded one. */
  mqttUrl: string | null;
  /** The embedded broker's TCP port. */
  mqttPort: number;
  /** A real PostgreSQL/TimescaleDB; null = embedded PGlite. */
  databaseUrl: string | null;
  dataDir: string;
  port: number;
  host: string;
  adminPassword: string | null;
  siteFile: string;
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
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  /** Human-readable log lines (a terminal) rather than JSON (a log collector). */
  prettyLogs: boolean;
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
    mqttPort: port(env, 'MQTT_PORT', 1883),
    databaseUrl: optionalUrl(env, 'DATABASE_URL', ['postgres:', 'postgresql:']),
    dataDir: resolve(env.DATA_DIR || 'data'),
    port: port(env, 'PORT', 8080),
    host: env.HOST || '0.0.0.0',
    adminPassword: env.PORTTWIN_ADMIN_PASSWORD || null,
    siteFile: resolve(env.SITE_FILE || createRequire(import.meta.url).resolve(DEFAULT_SITE)),
    simulator: flag(env, 'SIMULATOR', true),
    simulatorConnections: oneOf(env, 'SIMULATOR_CONNECTIONS', ['shared', 'per-device'] as const, 'shared'),
    allowAnonymousMqtt: flag(env, 'PORTTWIN_ALLOW_ANONYMOUS_MQTT', false),
    deviceRateLimit: integer(env, 'PORTTWIN_DEVICE_RATE_LIMIT', DEFAULT_DEVICE_RATE_PER_SEC, 0, 1_000_000),
    deadLetterRetentionDays: integer(env, 'PORTTWIN_DEAD_LETTER_RETENTION_DAYS', 30, 1, 36_500),
    edge: flag(env, 'EDGE', true),
    edgeGatewayId: env.EDGE_GATEWAY_ID || DEFAULT_GATEWAY_ID,
    edgeTopicFilter: env.EDGE_TOPIC_FILTER || DEFAULT_TOPIC_FILTER,
    kpiIntervalMs: integer(env, 'KPI_INTERVAL_MS', 60_000, 1000, 3_600_000),
    logLevel: oneOf(env, 'LOG_LEVEL', ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const, 'info'),
    prettyLogs: flag(env, 'LOG_PRETTY', Boolean(process.stdout.isTTY)),
  };
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
