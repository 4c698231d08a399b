// The separate gateway's configuration, from the environment, checked in one place.
import { ASSET_ID_RULE, DEFAULT_GATEWAY_ID, DEFAULT_TOPIC_FILTER, isAssetId } from '@porttwin/contracts';
import { EdgeError } from './errors';

export interface EdgeConfig {
  mqttUrl: string;
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
    databaseUrl,
    gatewayId,
    topicFilter: env.EDGE_TOPIC_FILTER || DEFAULT_TOPIC_FILTER,
    journalDir: env.EDGE_JOURNAL_DIR || `data/journal/${gatewayId}`,
    journalMaxBytes,
    siteFile: env.SITE_FILE || null,
  };
}
