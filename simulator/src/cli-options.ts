// The CLI's configuration: flags over environment over defaults, validated in one place.
import { parseArgs } from 'node:util';
import { MAX_SPEED, type Speed } from './run-clock';
import { SCENARIO_NAMES } from './scenarios';
import { DEFAULT_SITE_FILE } from './site-file';

export const USAGE = `Usage: node --import tsx simulator/src/main.ts [options]

Publishes the device traffic of a simulated port (gate lanes, quay and yard cranes, scanners,
radiation portals, cameras, trucks, vessels) to an MQTT broker, per the PortTwin device
contract, and can write the ground truth of what it simulated as JSON lines.

Options:
  --mqtt-url <url>          broker URL (env MQTT_URL; default mqtt://127.0.0.1:1883); credentials
                            go in it: mqtt://<username>:<password>@host:port (a site publisher's);
                            mqtts://… for MQTT over TLS
  --mqtt-ca <file>          PEM CA certificate to trust on mqtts:// (env MQTT_CA_FILE; default:
                            Node's public CAs), for a broker with its own or a self-signed certificate
  --site <file>             site layout JSON (env SITE_FILE; default contracts/sites/harbour-port.json)
  --scenario <name|file>    a scenario file, or a shipped one by name:
                            ${SCENARIO_NAMES.join(', ')}
  --flow <file>             flow overrides (rates, service times, shares) over the defaults
  --seed <n>                random seed; same seed, same model decisions (default 1)
  --speed <n|max>           1 = real time (default), up to ${MAX_SPEED}× faster, or max; faster runs start
                            in the past so simulated time never passes the wall clock
  --duration <sec|H:MM>     simulated time to run, then exit (default: the scenario's, else forever)
  --start <time>            simulated start, RFC 3339 or epoch ms, not after now (default: now at 1×;
                            faster runs: the duration, or an hour, before now); with --seed, the
                            same run whenever it is started
  --trucks-per-hour <n>     mean truck arrivals per hour over the day (default 240)
  --rate <ms>               each device's telemetry period in ms (default 1000)
  --truth <file>            write the ground truth (queues, truck stage times, crane moves,
                            alarms) to this JSON-lines file
  --connections <mode>      shared (default: one connection) or per-device (one connection,
                            client id and last will per device, as real hardware)
  --qos <0|1>               MQTT QoS of every publish (default 1)
  --load-devices <n>        load mode: synthetic telemetry from n devices instead of the model
  --load-rate <msg/s>       load mode: target aggregate message rate (default 1000)
  --load-connections <n>    load mode: connections to multiplex the devices over (default 2)
  -h, --help                show this help
`;

export interface CliOptions {
  mqttUrl: string;
  /** PEM file of a CA to trust on mqtts://; null = Node's public CAs. */
  mqttCaFile: string | null;
  siteFile: string;
  scenario: string | null;
  flowFile: string | null;
  telemetryIntervalMs: number;
  truckArrivalsPerHour: number | undefined;
  seed: number;
  qos: 0 | 1;
  speed: Speed;
  durationSec: number | undefined;
  /** Simulated start, epoch ms (undefined: the speed's default). */
  startMs: number | undefined;
  truthFile: string | null;
  connections: 'shared' | 'per-device';
  load: { devices: number; ratePerSec: number; connections: number } | null;
}

export type CliParse = { help: true } | { help: false; options: CliOptions } | { help: false; error: string };

/** "90", "1:30" (h:mm) or "1:30:00" → seconds; NaN when it is neither. */
function parseDuration(raw: string): number {
  if (/^\d+(\.\d+)?$/.test(raw)) return Number(raw);
  const match = /^(\d+):([0-5]\d)(?::([0-5]\d))?$/.exec(raw);
  return match ? Number(match[1]) * 3600 + Number(match[2]) * 60 + Number(match[3] ?? 0) : Number.NaN;
}

/** "1763769600000" (epoch ms) or an RFC 3339 time with its offset → epoch ms; NaN when it is neither. */
function parseStart(raw: string): number {
  if (/^\d+$/.test(raw)) return Number(raw);
  return /^\d{4}-\d\d-\d\dT\d\d:\d\d(:\d\d(\.\d+)?)?(Z|[+-]\d\d:\d\d)$/i.test(raw) ? Date.parse(raw) : Number.NaN;
}

/** Parses argv (without node and script) against the environment; never exits the process. */
export function parseCliOptions(argv: string[], env: Record<string, string | undefined>): CliParse {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        help: { type: 'boolean', short: 'h' },
        'mqtt-url': { type: 'string' },
        'mqtt-ca': { type: 'string' },
        site: { type: 'string' },
        scenario: { type: 'string' },
        flow: { type: 'string' },
        rate: { type: 'string' },
        'trucks-per-hour': { type: 'string' },
        seed: { type: 'string' },
        qos: { type: 'string' },
        speed: { type: 'string' },
        duration: { type: 'string' },
        start: { type: 'string' },
        truth: { type: 'string' },
        connections: { type: 'string' },
        'load-devices': { type: 'string' },
        'load-rate': { type: 'string' },
        'load-connections': { type: 'string' },
      },
      strict: true,
    }));
  } catch (error) {
    return { help: false, error: (error as Error).message };
  }
  if (values.help) return { help: true };
  const errors: string[] = [];
  const number = (flag: string, raw: string | undefined, fallback: number, valid: (n: number) => boolean): number => {
    if (raw === undefined) return fallback;
    const n = Number(raw);
    if (raw.trim() === '' || !Number.isFinite(n) || !valid(n)) errors.push(`--${flag} "${raw}" is not valid`);
    return n;
  };
  const speed: Speed = values.speed === 'max' ? 'max' : number('speed', values.speed, 1, (n) => n >= 1 && n <= MAX_SPEED);
  let durationSec: number | undefined;
  if (values.duration !== undefined) {
    durationSec = parseDuration(values.duration);
    if (!(durationSec > 0)) errors.push(`--duration "${values.duration}" is not valid (seconds, or H:MM)`);
  }
  let startMs: number | undefined;
  if (values.start !== undefined) {
    startMs = parseStart(values.start);
    if (!Number.isFinite(startMs))
      errors.push(`--start "${values.start}" is not valid (RFC 3339 with an offset, e.g. 2026-11-22T08:00:00+08:00, or epoch ms)`);
  }
  const connections = values.connections ?? 'shared';
  if (connections !== 'shared' && connections !== 'per-device') errors.push(`--connections "${connections}" must be shared or per-device`);
  const loadDevices = values['load-devices'];
  const options: CliOptions = {
    mqttUrl: values['mqtt-url'] ?? env.MQTT_URL ?? 'mqtt://127.0.0.1:1883',
    mqttCaFile: values['mqtt-ca'] ?? (env.MQTT_CA_FILE || null),
    siteFile: values.site ?? env.SITE_FILE ?? DEFAULT_SITE_FILE,
    scenario: values.scenario ?? null,
    flowFile: values.flow ?? null,
    telemetryIntervalMs: number('rate', values.rate, 1000, (n) => n >= 10),
    truckArrivalsPerHour:
      values['trucks-per-hour'] === undefined ? undefined : number('trucks-per-hour', values['trucks-per-hour'], 0, (n) => n >= 0),
    seed: number('seed', values.seed, 1, Number.isInteger),
    qos: number('qos', values.qos, 1, (n) => n === 0 || n === 1) as 0 | 1,
    speed,
    durationSec,
    startMs,
    truthFile: values.truth ?? null,
    connections: connections as CliOptions['connections'],
    load:
      loadDevices === undefined
        ? null
        : {
            devices: number('load-devices', loadDevices, 0, (n) => Number.isInteger(n) && n > 0),
            ratePerSec: number('load-rate', values['load-rate'], 1000, (n) => n > 0),
            connections: number('load-connections', values['load-connections'], 2, (n) => Number.isInteger(n) && n > 0),
          },
  };
  if (errors.length > 0) return { help: false, error: errors.join('; ') };
  return { help: false, options };
}
