// An edge gateway: subscribes to device traffic at QoS 1, decodes each message against the
// contract, and stores batches durably; the broker is acknowledged only after the commit.
import {
  DEFAULT_GATEWAY_ID,
  DEFAULT_TOPIC_FILTER,
  DEVICE_LIMITS,
  type DeviceMessage,
  redactUrl,
  type SiteLayout,
} from '@porttwin/contracts';
import type { Database, DeadLetter } from '@porttwin/db';
import mqtt, { type IClientOptions, type MqttClient } from 'mqtt';
import pino, { type Logger } from 'pino';
import { AssetDirectory } from './asset-directory';
import { Batcher } from './batcher';
import { BatchStore, type BatchStoreStats } from './batch-store';
import { misplacedMessage } from './dead-letters';
import { type DecodedPacket, decodePacket } from './decode-packet';
import { DeferredPubacks, type PubackToken } from './deferred-pubacks';
import { EdgeError } from './errors';
import { Journal } from './journal';
import { StallLog } from './stall-log';

export interface GatewayOptions {
  mqttUrl: string;
  db: Database;
  /** Also the MQTT client id of its persistent session; unique per gateway. */
  gatewayId?: string;
  /**
   * The site the gateway serves: its fixed assets keep their kind, and a message of another
   * site is dead-lettered unless the device registry names that site. None = any site.
   */
  layout?: SiteLayout | null;
  /** Subscription filter; the whole device namespace, so a malformed site, kind, id or channel is caught too. */
  topicFilter?: string;
  maxBatch?: number;
  maxBatchDelayMs?: number;
  /** Above this many unstored messages the gateway stops reading from the broker. */
  maxPending?: number;
  /**
   * MQTT 5 (default) lets the gateway announce a large receive-maximum, so a broker does not
   * cap the messages awaiting its held PUBACKs; 4 (3.1.1) for brokers without MQTT 5 (aedes).
   */
  protocolVersion?: 4 | 5;
  /** Credentials, and `ca`: a PEM CA to trust for an mqtts:// broker whose certificate no public CA signed. */
  mqttOptions?: Pick<IClientOptions, 'username' | 'password' | 'ca'>;
  /** Store-and-forward journal folder; none = batches wait (unacknowledged) while the database is down. */
  journalDir?: string;
  journalMaxBytes?: number;
  /** Ingest counts as stalled once a message has waited this long for its commit; default STALL_AFTER_MS. */
  stallAfterMs?: number;
  log?: Logger;
}

export interface GatewayStats extends BatchStoreStats {
  connected: boolean;
  received: number;
  stored: number;
  deadLetters: number;
  batches: number;
  writeFailures: number;
  pending: number;
  lastBatchSize: number;
  lastBatchMs: number;
  /** How long the oldest message not yet committed has waited (0 when none waits). */
  oldestPendingMs: number;
  /** Whether ingest is stalled: the oldest message has waited longer than stallAfterMs. */
  stalled: boolean;
  /** Why writes are failing (the latest error), while they are. */
  writeError: string | null;
}

export interface RunningGateway {
  stats(): GatewayStats;
  /** Stores what it holds, acknowledges it, and disconnects (keeping its broker session). */
  stop(): Promise<void>;
  /** Disconnects at once, storing nothing more: the broker redelivers whatever was not acknowledged. */
  abort(): Promise<void>;
  /** Resolves when the journal has been replayed into the database. */
  journalDrained(): Promise<void>;
}

interface Received extends DecodedPacket {
  receivedAt: number;
  ack: PubackToken | null;
}

/** How often to look for live state waiting while traffic pauses. */
const LIVE_STATE_CHECK_MS = 100;
/** Journal bound unless configured: about six hours of the default site's traffic (≈190 msg/s, ≈250 B each). */
const DEFAULT_JOURNAL_MAX_BYTES = 1024 ** 3;
/** A gateway's broker session outlives a week-long outage of the gateway. */
const SESSION_EXPIRY_SECONDS = 7 * 24 * 3600;
/** Ingest counts as stalled once a message has waited this long for its commit (issue 7). */
export const STALL_AFTER_MS = 30_000;
/** At stop, what is pending gets this long to commit; the rest stays with the broker, unacknowledged. */
const STOP_GRACE_MS = 5_000;
/** …and the broker connection this long to close politely. */
const DISCONNECT_GRACE_MS = 2_000;

/** Connects to the broker and starts storing device traffic. */
export async function startGateway(options: GatewayOptions): Promise<RunningGateway> {
  const gatewayId = options.gatewayId ?? DEFAULT_GATEWAY_ID;
  const topicFilter = options.topicFilter ?? DEFAULT_TOPIC_FILTER;
  const maxPending = options.maxPending ?? 20_000;
  const protocolVersion = options.protocolVersion ?? 5;
  const log = options.log ?? pino({ name: 'edge' });
  const stallAfterMs = options.stallAfterMs ?? STALL_AFTER_MS;
  const stats: Omit<GatewayStats, keyof BatchStoreStats | 'pending' | 'oldestPendingMs' | 'stalled'> = {
    connected: false,
    received: 0,
    stored: 0,
    deadLetters: 0,
    batches: 0,
    writeFailures: 0,
    lastBatchSize: 0,
    lastBatchMs: 0,
    writeError: null,
  };
  // Failed attempts at the batch being written; logged at the first and when it recovers, not at every retry.
  let failedAttempts = 0;

  const assets = new AssetDirectory({ db: options.db, layout: options.layout ?? null, log });
  await assets.load();

  // Handlers go in before the connection opens: a persistent session starts delivering what
  // the broker queued for it right after CONNACK, and a message MQTT.js saw before
  // handleMessage was replaced would be acknowledged without being stored.
  const client: MqttClient = mqtt.connect(options.mqttUrl, {
    clientId: gatewayId,
    clean: false,
    reconnectPeriod: 1000,
    connectTimeout: 5000,
    // MQTT.js calls its debug logger for every packet, enabled or not: about 2% of a busy
    // gateway's time in a profile. The gateway logs what matters itself.
    log: () => {},
    ...(protocolVersion === 5
      ? {
          protocolVersion: 5,
          // Without an expiry an MQTT 5 session ends with its connection, and with it
          // everything queued for the gateway while it restarts.
          properties: {
            sessionExpiryInterval: SESSION_EXPIRY_SECONDS,
            receiveMaximum: 65_535,
            // The broker drops a larger message for this gateway rather than send it (MQTT 5,
            // 3.1.2.11.4), so none is buffered here; over 3.1.1 the broker's own limit holds it.
            maximumPacketSize: DEVICE_LIMITS.maxPacketBytes,
          },
        }
      : { protocolVersion: 4 }),
    ...options.mqttOptions,
  });
  const pubacks = new DeferredPubacks(client);
  const waitingForRoom: (() => void)[] = [];
  const journal = options.journalDir ? new Journal(options.journalDir, options.journalMaxBytes ?? DEFAULT_JOURNAL_MAX_BYTES) : null;
  const store = new BatchStore(options.db, gatewayId, journal, log);

  const batcher = new Batcher<Received>({
    maxItems: options.maxBatch ?? 2000,
    maxDelayMs: options.maxBatchDelayMs ?? 50,
    write: async (items) => {
      await assets.check(items, misplacedMessage);
      const { messages, deadLetters } = split(items);
      await store.store(messages, deadLetters);
    },
    onCommitted: (items, elapsedMs) => {
      const acks: PubackToken[] = [];
      let deadLetters = 0;
      for (const item of items) {
        if (item.ack) acks.push(item.ack);
        if (item.deadLetter) deadLetters += 1;
      }
      pubacks.release(acks);
      stats.stored += items.length - deadLetters;
      stats.deadLetters += deadLetters;
      stats.batches += 1;
      stats.lastBatchSize = items.length;
      stats.lastBatchMs = elapsedMs;
      if (failedAttempts > 0)
        log.info({ attempts: failedAttempts + 1, batchSize: items.length }, 'edge: batch stored after failed attempts');
      failedAttempts = 0;
      stats.writeError = null;
      while (batcher.size < maxPending && waitingForRoom.length > 0) waitingForRoom.shift()?.();
    },
    onWriteFailed: (error, items, attempt) => {
      stats.writeFailures += 1;
      stats.writeError = error.message;
      failedAttempts = attempt;
      if (attempt === 1)
        log.error({ err: error, batchSize: items.length }, 'edge: batch could not be stored; retrying, nothing acknowledged');
    },
  });

  client.handleMessage = (packet, done) => {
    const receivedAt = Date.now();
    stats.received += 1;
    const payload = packet.payload as Buffer;
    const ack = packet.qos > 0 && packet.messageId !== undefined ? pubacks.token(packet.messageId) : null;
    batcher.add({ receivedAt, ...decodePacket(packet.topic, payload, receivedAt, packet.retain), ack });
    // Back-pressure: past maxPending, stop taking packets until a commit makes room.
    if (batcher.size < maxPending) done();
    else waitingForRoom.push(() => done());
  };
  client.on('connect', () => {
    stats.connected = true;
    log.info({ gatewayId, broker: redactUrl(options.mqttUrl) }, 'edge: connected');
  });
  client.on('close', () => {
    stats.connected = false;
  });
  client.on('error', (error) => log.warn({ err: error }, 'edge: broker connection error'));
  await firstConnection(client, options.mqttUrl);
  stats.connected = client.connected;

  const oldestPendingMs = () => {
    const oldest = batcher.oldest();
    return oldest ? Math.max(0, Date.now() - oldest.receivedAt) : 0;
  };
  // Live state folded but not yet written goes out on its own when traffic pauses; a stall
  // is logged when it begins and when it ends.
  const stallLog = new StallLog(log, stallAfterMs);
  const liveStateTimer = setInterval(() => {
    if (store.liveStateDue()) batcher.kick();
    stallLog.check(oldestPendingMs(), batcher.size, stats.writeError);
  }, LIVE_STATE_CHECK_MS);

  try {
    await client.subscribeAsync(topicFilter, { qos: 1 });
  } catch (error) {
    // Refused (SUBACK 0x80): a gateway that stayed up would store nothing and look healthy.
    clearInterval(liveStateTimer);
    batcher.stop();
    store.stop();
    await client.endAsync(true);
    throw new EdgeError(
      'EDGE_SUBSCRIBE_REFUSED',
      `the broker refused ${gatewayId} the subscription to ${topicFilter} (${(error as Error).message}); is its credential a gateway's?`,
      { cause: error },
    );
  }
  log.info({ gatewayId, topicFilter }, 'edge: subscribed');

  return {
    stats: () => {
      const stored = store.stats();
      const waitedMs = oldestPendingMs();
      return {
        ...stats,
        ...stored,
        // Refused messages passed the contract, so they were counted as stored; they are dead letters.
        stored: stats.stored - stored.refused,
        deadLetters: stats.deadLetters + stored.refused,
        pending: batcher.size,
        oldestPendingMs: waitedMs,
        stalled: waitedMs > stallAfterMs,
      };
    },
    // Whatever state ingest is in, stop() ends within about STOP_GRACE_MS + DISCONNECT_GRACE_MS:
    // what was acknowledged is already committed or journaled; what was not stays with the broker.
    stop: async () => {
      client.handleMessage = () => {}; // take nothing more; the broker redelivers it later
      clearInterval(liveStateTimer);
      store.flushLiveStateFromNowOn();
      const drained = await settlesWithin(
        STOP_GRACE_MS,
        (async () => {
          await batcher.drain();
          if (store.liveStateDue()) {
            batcher.kick();
            await batcher.drain();
          }
        })(),
      );
      if (!drained)
        log.warn(
          { pending: batcher.size, cause: stats.writeError },
          'edge: stopping with messages not stored; the broker keeps them unacknowledged',
        );
      batcher.stop();
      store.stop();
      if (!(await settlesWithin(DISCONNECT_GRACE_MS, client.endAsync(!drained)))) client.end(true);
    },
    abort: async () => {
      client.handleMessage = () => {};
      clearInterval(liveStateTimer);
      batcher.stop();
      store.stop();
      await client.endAsync(true);
    },
    journalDrained: () => store.drained(),
  };
}

/** A batch's messages and dead letters; a loop, not flatMap: this runs for every message. */
function split(items: Received[]): { messages: DeviceMessage[]; deadLetters: DeadLetter[] } {
  const messages: DeviceMessage[] = [];
  const deadLetters: DeadLetter[] = [];
  for (const item of items) {
    if (item.message) messages.push(item.message);
    if (item.deadLetter) deadLetters.push(item.deadLetter);
  }
  return { messages, deadLetters };
}

/** Whether the promise settled within ms (it goes on either way). */
async function settlesWithin(ms: number, promise: Promise<unknown>): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), ms);
  });
  try {
    return await Promise.race([
      promise.then(
        () => true,
        () => true,
      ),
      timeout,
    ]);
  } finally {
    clearTimeout(timer);
  }
}

/** Resolves on the first CONNACK; the first failure to connect is a clear error. */
async function firstConnection(client: MqttClient, url: string): Promise<void> {
  if (client.connected) return;
  await new Promise<void>((resolve, reject) => {
    const fail = (error: Error) => {
      client.off('connect', succeed);
      client.end(true);
      reject(new EdgeError('EDGE_BROKER_UNREACHABLE', `cannot connect to ${redactUrl(url)}: ${error.message}`, { cause: error }));
    };
    const succeed = () => {
      client.off('error', fail);
      resolve();
    };
    client.once('connect', succeed);
    client.once('error', fail);
  });
}
