// The kinds of device a port has and the channels each publishes on (docs/device-contract.md).

export const ASSET_KINDS = ['gate', 'qc', 'yc', 'scanner', 'rpm', 'camera', 'truck', 'vessel'] as const;
export type AssetKind = (typeof ASSET_KINDS)[number];

export const CHANNELS = ['telemetry', 'event', 'status'] as const;
export type Channel = (typeof CHANNELS)[number];

export const DEVICE_STATES = ['online', 'offline', 'fault', 'maintenance'] as const;
export type DeviceState = (typeof DEVICE_STATES)[number];

/** Metrics each kind must report as numbers whenever it reports them; devices may add more. */
export const REQUIRED_METRICS: Record<AssetKind, readonly string[]> = {
  gate: ['queueLength', 'laneOpen'],
  qc: ['gantryPos', 'trolleyPos', 'hoistHeight', 'load', 'windSpeed'],
  yc: ['gantryPos', 'trolleyPos', 'hoistHeight', 'load'],
  scanner: ['queueLength', 'busy'],
  rpm: ['gammaCps', 'neutronCps'],
  camera: ['fps'],
  truck: ['x', 'y', 'speed', 'heading'],
  vessel: ['x', 'y', 'speed', 'heading'],
};

export function isAssetKind(value: string): value is AssetKind {
  return (ASSET_KINDS as readonly string[]).includes(value);
}

export function isChannel(value: string): value is Channel {
  return (CHANNELS as readonly string[]).includes(value);
}
