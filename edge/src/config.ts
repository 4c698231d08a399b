// The separate gateway's configuration, from the environment, checked in one place.
import { readFileSync } from 'node:fs';
import { ASSET_ID_RULE, DEFAULT_GATEWAY_ID, DEFAULT_TOPIC_FILTER, isAssetId } from '@porttwin/contracts';
import { EdgeError } from './errors';

export interface EdgeConfig {
  mqttUrl: string;
  /** MQTT_CA_FILE: a PEM CA to trust on mqtts:// (a broker with its own or a self-signed certificate); null = Node's public CAs. */
  mqttCa: Buffer | null;
  databaseUrl: string;
  gatewayId: string;
  topicFilter: string;
  journalDir: string;
  journalMaxBytes: number | undefined;
  /** SITE_FILE: the site layout its assets are checked against; null = any site (asset-directory.ts). */
  siteFile: string | null;
}

/** Reads the gateway's settings; a missing or malformed one is an error naming it. */
export function readEdgeConfig(env: NodeJS.ProcessEnv = process.env): EdgeConfig {
  const mqttUrl = env.MQTT_URL;
  const databaseUrl = env.DATABASE_URL;
  if (!mqttUrl || !databaseUrl) {
    throw new EdgeError(
      'EDGE_CONFIG_INVALID',
      'a separate gateway needs MQTT_URL and DATABASE_URL (the embedded ones live in the console process)',
    );
  }
  const gatewayId = env.EDGE_GATEWAY_ID || DEFAULT_GATEWAY_ID;
  // Named like an asset: an MQTT client id that also names the journal folder.
  if (!isAssetId(gatewayId)) {
    throw new EdgeError(
      'EDGE_CONFIG_INVALID',
      `EDGE_GATEWAY_ID="${gatewayId}" must match ${ASSET_ID_RULE} (it names the journal folder too)`,
    );
  }
  let journalMaxBytes: number | undefined;
  if (env.EDGE_JOURNAL_MAX_BYTES) {
    journalMaxBytes = Number(env.EDGE_JOURNAL_MAX_BYTES);
    if (!Number.isInteger(journalMaxBytes) || journalMaxBytes <= 0) {
      throw new EdgeError('EDGE_CONFIG_INVALID', `EDGE_JOURNAL_MAX_BYTES="${env.EDGE_JOURNAL_MAX_BYTES}" must be a positive integer`);
    }
  }
  return {
    mqttUrl,
    mqttCa: env.MQTT_CA_FILE ? readCaFile(env.MQTT_CA_FILE, mqttUrl) : null,
    databaseUrl,
    gatewayId,
    topicFilter: env.EDGE_TOPIC_FILTER || DEFAULT_TOPIC_FILTER,
    journalDir: env.EDGE_JOURNAL_DIR || `data/journal/${gatewayId}`,
    journalMaxBytes,
    siteFile: env.SITE_FILE || null,
  };
}

/** A CA only matters to a TLS connection: one given for a plain URL is a mistake worth naming. */
function readCaFile(path: string, mqttUrl: string): Buffer {
  if (!/^(mqtts|wss):/i.test(mqttUrl)) {
    throw new EdgeError('EDGE_CONFIG_INVALID', `MQTT_CA_FILE is set but MQTT_URL is not mqtts:// or wss:// (TLS); the CA would go unused`);
  }
  try {
    return readFileSync(path);
  } catch (error) {
    throw new EdgeError('EDGE_CONFIG_INVALID', `MQTT_CA_FILE="${path}" cannot be read: ${(error as Error).message}`);
  }
}
