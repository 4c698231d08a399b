// Device topics: porttwin/v1/{site}/{kind}/{assetId}/{channel}.
import { type AssetKind, type Channel, isAssetKind, isChannel } from './asset-kinds';
import { ASSET_ID_RULE, isAssetId, isSiteId, SITE_ID_RULE } from './identifiers';

export const TOPIC_ROOT = 'porttwin/v1';

export interface DeviceTopic {
  site: string;
  kind: AssetKind;
  assetId: string;
  channel: Channel;
}

export type TopicParse = { ok: true; topic: DeviceTopic } | { ok: false; reason: string };

/** Splits a topic into its parts, or names the first part that breaks the contract. */
export function parseTopic(topic: string): TopicParse {
  const parts = topic.split('/');
  if (parts.length !== 6 || `${parts[0]}/${parts[1]}` !== TOPIC_ROOT) {
    return { ok: false, reason: `topic must be ${TOPIC_ROOT}/{site}/{kind}/{assetId}/{channel}` };
  }
  const [, , site = '', kind = '', assetId = '', channel = ''] = parts;
  if (!isSiteId(site)) return { ok: false, reason: `topic site "${site}" must match ${SITE_ID_RULE}` };
  if (!isAssetKind(kind)) return { ok: false, reason: `topic kind "${kind}" is not a known asset kind` };
  if (!isAssetId(assetId)) {
    return { ok: false, reason: `topic assetId "${assetId}" must match ${ASSET_ID_RULE}` };
  }
  if (!isChannel(channel)) return { ok: false, reason: `topic channel "${channel}" must be telemetry, event or status` };
  return { ok: true, topic: { site, kind, assetId, channel } };
}

/** The topic a device publishes a channel on. */
export function deviceTopic(site: string, kind: AssetKind, assetId: string, channel: Channel): string {
  return `${deviceTopicPrefix(site, kind, assetId)}/${channel}`;
}

/** What every topic of one device begins with: `porttwin/v1/{site}/{kind}/{assetId}`. */
export function deviceTopicPrefix(site: string, kind: AssetKind, assetId: string): string {
  return `${TOPIC_ROOT}/${site}/${kind}/${assetId}`;
}

/**
 * The simulator's own presence (its connection's last will), kept outside the device namespace
 * so it never reaches a gateway as a malformed device message.
 */
export function simulatorPresenceTopic(site: string): string {
  return `porttwin/sim/${site}/status`;
}

/** Subscription filter for every device of every site. */
export const ALL_DEVICES_FILTER = `${TOPIC_ROOT}/+/+/+/+`;
