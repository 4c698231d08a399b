// What an edge gateway is called and listens to unless told otherwise (EDGE_GATEWAY_ID,
// EDGE_TOPIC_FILTER): the same for the separate gateway, the gateway library and the console.
import { TOPIC_ROOT } from './topic';

/** The gateway's MQTT client id, and so the name of its persistent session on the broker. */
export const DEFAULT_GATEWAY_ID = 'porttwin-edge';
/** The whole device namespace, so a malformed site, kind, id or channel is caught too. */
export const DEFAULT_TOPIC_FILTER = `${TOPIC_ROOT}/#`;
