// What a credential may do on the broker, from its scope: the topics it may publish and the
// filters it may subscribe to. The embedded broker enforces these and the Mosquitto ACL file is
// written from them, so both brokers hold a device to the same topics.
import { type CredentialScope, deviceTopicPrefix, simulatorPresenceTopic, TOPIC_ROOT } from '@porttwin/contracts';

/**
 * MQTT filters, each an exact topic or `prefix/#` (a prefix and everything under it). No `+`:
 * a device's own topics are one prefix, and checking a filter against a prefix is exact.
 */
export interface TopicRights {
  publish: readonly string[];
  subscribe: readonly string[];
}

/** Anonymous clients of the embedded broker when PORTTWIN_ALLOW_ANONYMOUS_MQTT is on: development only. */
export const ANONYMOUS_DEVELOPMENT_RIGHTS: TopicRights = { publish: ['#'], subscribe: ['#'] };

/** The rights a scope grants. */
export function topicRights(scope: CredentialScope): TopicRights {
  switch (scope.type) {
    case 'device': {
      const own = `${deviceTopicPrefix(scope.site, scope.kind, scope.assetId)}/#`;
      return { publish: [own], subscribe: [own] };
    }
    case 'publisher':
      return { publish: [`${TOPIC_ROOT}/${scope.site}/#`, simulatorPresenceTopic(scope.site)], subscribe: [] };
    case 'gateway':
      return { publish: [], subscribe: [`${TOPIC_ROOT}/#`] };
  }
}

/** Whether the rights cover publishing on this topic (a topic, never a filter). */
export function mayPublish(rights: TopicRights, topic: string): boolean {
  return rights.publish.some((right) => covers(right, topic));
}

/**
 * Whether the rights cover subscribing to this filter: it must lie wholly inside one of them.
 * A shared subscription (`$share/{group}/{filter}`) is judged by its filter.
 */
export function maySubscribe(rights: TopicRights, filter: string): boolean {
  const inner = unshared(filter);
  return inner !== null && rights.subscribe.some((right) => covers(right, inner));
}

/** The filter inside `$share/{group}/…`, the filter itself when not shared, null when malformed. */
function unshared(filter: string): string | null {
  if (!filter.startsWith('$share/')) return filter;
  const match = /^\$share\/([^/+#]+)\/(.+)$/.exec(filter);
  return match?.[2] ?? null;
}

function covers(right: string, topicOrFilter: string): boolean {
  if (right === '#') return true;
  if (!right.endsWith('/#')) return topicOrFilter === right;
  const prefix = right.slice(0, -2);
  return topicOrFilter === prefix || topicOrFilter.startsWith(`${prefix}/`);
}
