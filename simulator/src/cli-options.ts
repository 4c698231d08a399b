// The CLI's configuration: flags over environment over defaults, validated in one place.
import { parseArgs } from 'node:util';
import { DEFAULT_SITE_FILE } from './site-file';

export const USAGE = `Usage: node --import tsx simulator/src/main.ts [options]

Publishes the device traffic of a simulated port (gates, cranes, scanner, radiation portal,
camera, trucks, vessel) to an MQTT broker, per the PortTwin device contract.

Options:
  --mqtt-url <url>          broker URL (env MQTT_URL; default mqtt://127.0.0.1:1883)
  --site <file>             site layout JSON (env SITE_FILE; default simulator/sites/small-port.json)
  --rate <ms>               each device's telemetry period in ms (default 1000)
  --trucks-per-hour <n>     truck arrivals per hour across inbound lanes (default 120)
  --seed <n>                random seed; same seed, same model decisions (default 1)
  --qos <0|1>               MQTT QoS of every publish (default 1)
  -h, --help                show this help
`;

export interface CliOptions {
  mqttUrl: string;
  siteFile: string;
  telemetryIntervalMs: number;
  truckArrivalsPerHour: number;
  seed: number;
  qos: 0 | 1;
}

export type CliParse = { help: true } | { help: false; options: CliOptions } | { help: false; error: string };

/** Parses argv (without node and script) against the environment; never exits the process. */
export function parseCliOptions(argv: string[], env: Record<string, string | undefined>): CliParse {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        help: { type: 'boolean', short: 'h' },
        'mqtt-url': { type: 'string' },
        site: { type: 'string' },
        rate: { type: 'string' },
        'trucks-per-hour': { type: 'string' },
        seed: { type: 'string' },
        qos: { type: 'string' },
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
  const options: CliOptions = {
    mqttUrl: values['mqtt-url'] ?? env.MQTT_URL ?? 'mqtt://127.0.0.1:1883',
    siteFile: values.site ?? env.SITE_FILE ?? DEFAULT_SITE_FILE,
    telemetryIntervalMs: number('rate', values.rate, 1000, (n) => n >= 10),
    truckArrivalsPerHour: number('trucks-per-hour', values['trucks-per-hour'], 120, (n) => n >= 0),
    seed: number('seed', values.seed, 1, Number.isInteger),
    qos: number('qos', values.qos, 1, (n) => n === 0 || n === 1) as 0 | 1,
  };
  if (errors.length > 0) return { help: false, error: errors.join('; ') };
  return { help: false, options };
}
