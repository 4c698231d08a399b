// Bounds on what a client may make the embedded broker do beyond its topic rights (issue 8,
// part 8): a device publishes at most so many messages a second (a token bucket per
// connection), retained messages (wills too) only on a status topic, and the broker holds at
// most so many retained topics in all. Site publishers and gateways carry a whole port, so
// they have no rate bound. Refusals are counted for /metrics; a flood is logged once.
import type { FastifyBaseLogger } from 'fastify';

export type LimitAction = 'oversize' | 'rate' | 'retain';

export interface PublishLimitsOptions {
  /** Messages a second a device may publish on average; 0 = no bound. */
  deviceRatePerSec: number;
  /** Retained topics the broker holds at most, all clients together. */
  maxRetained: number;
  log: Pick<FastifyBaseLogger, 'warn'>;
}

/** A device reports every second or so (the simulator's telemetry is 1 Hz): 100 a second is a flood. */
export const DEFAULT_DEVICE_RATE_PER_SEC = 100;
/** A device may burst this many seconds' worth of its rate (a reconnect flushes what it held). */
export const BURST_SECONDS = 5;
/** A client refused again within this long of its last refusal is the same episode: counted, not logged again. */
const EPISODE_MS = 60_000;
/** Clients whose episodes are remembered, at most (the oldest is forgotten first). */
const EPISODES_REMEMBERED = 10_000;

interface Bucket {
  tokens: number;
  filledAt: number;
}

export class PublishLimits {
  private readonly refused: Record<LimitAction, number> = { oversize: 0, rate: 0, retain: 0 };
  private readonly retained = new Set<string>();
  /** `${action} ${clientId}` → when it was last refused. */
  private readonly episodes = new Map<string, number>();

  constructor(private readonly options: PublishLimitsOptions) {}

  refusals(): Record<LimitAction, number> {
    return { ...this.refused };
  }

  /** A new token bucket for a device's connection, full; null when devices have no bound. */
  deviceBucket(now = Date.now()): Bucket | null {
    const rate = this.options.deviceRatePerSec;
    return rate > 0 ? { tokens: rate * BURST_SECONDS, filledAt: now } : null;
  }

  /** Takes one message from the bucket; false (counted, logged once per episode) when it is empty. */
  withinRate(bucket: Bucket | null, clientId: string, now = Date.now()): boolean {
    if (!bucket) return true;
    const rate = this.options.deviceRatePerSec;
    bucket.tokens = Math.min(rate * BURST_SECONDS, bucket.tokens + ((now - bucket.filledAt) / 1000) * rate);
    bucket.filledAt = now;
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return true;
    }
    this.refuse('rate', clientId, `broker: ${clientId} publishes faster than ${rate} messages/s; disconnected`, { ratePerSec: rate });
    return false;
  }

  /**
   * Whether a publish may be retained: only on a status topic (a device's, or a publisher's
   * presence), and only while the broker holds fewer than maxRetained topics. An empty retained
   * payload clears the topic and is always allowed.
   */
  mayRetain(clientId: string, topic: string, payloadBytes: number): boolean {
    if (payloadBytes === 0) {
      this.retained.delete(topic);
      return true;
    }
    if (!topic.endsWith('/status')) {
      this.refuse('retain', clientId, `broker: ${clientId} may retain only on a status topic, not ${topic}; disconnected`, { topic });
      return false;
    }
    if (!this.retained.has(topic) && this.retained.size >= this.options.maxRetained) {
      this.refuse('retain', clientId, `broker: retained topics at the bound of ${this.options.maxRetained}; ${topic} refused`, { topic });
      return false;
    }
    this.retained.add(topic);
    return true;
  }

  /** A client announced a packet over the size limit (packet-size-limit.ts); it has been hung up on. */
  tooLarge(clientAddress: string, size: number, maxPacketBytes: number): void {
    const what = Number.isFinite(size) ? `a ${size}-byte packet` : 'a malformed packet length';
    this.refuse('oversize', clientAddress, `broker: ${clientAddress} sent ${what}, over the ${maxPacketBytes}-byte limit; disconnected`, {
      size,
    });
  }

  private refuse(action: LimitAction, clientId: string, message: string, detail: Record<string, unknown>): void {
    this.refused[action] += 1;
    const key = `${action} ${clientId}`;
    const now = Date.now();
    const last = this.episodes.get(key);
    this.episodes.delete(key);
    this.episodes.set(key, now);
    if (this.episodes.size > EPISODES_REMEMBERED) this.episodes.delete(this.episodes.keys().next().value!);
    if (last === undefined || now - last > EPISODE_MS) this.options.log.warn({ action, clientId, ...detail }, message);
  }
}
