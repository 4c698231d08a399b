// The names the device contract gives sites and assets. Each is one topic segment, so also safe
// as a file name and an MQTT client id; topics, site layouts, scenarios and the API check these.
import Type from 'typebox';

/** A site id (the layout's `site`, a topic's `{site}`). */
export const SITE_ID_RULE = '[a-z0-9-]{1,32}';
/** An asset id (a topic's `{assetId}`), unique across its site. */
export const ASSET_ID_RULE = '[A-Za-z0-9_-]{1,64}';

export const SiteId = Type.String({ pattern: `^${SITE_ID_RULE}$` });
export const AssetId = Type.String({ pattern: `^${ASSET_ID_RULE}$` });

/** Whether a string is a valid asset id. */
export function isAssetId(value: string): boolean {
  return ASSET_ID.test(value);
}

/** Whether a string is a valid site id. */
export function isSiteId(value: string): boolean {
  return SITE_ID.test(value);
}

const ASSET_ID = new RegExp(`^${ASSET_ID_RULE}$`);
const SITE_ID = new RegExp(`^${SITE_ID_RULE}$`);
