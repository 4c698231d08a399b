// An edge gateway: subscribes to device traffic at QoS 1, decodes each message against the
// contract, and stores batches durably; the broker is acknowledged only after the commit.
import { decodeDeviceMessage, type DeviceMessage } from '@porttwin/contracts';
import { AssetStateFold, type Database, type DeadLetter, writeIngestBatch } from '@porttwin/db';
import mqtt, { type IClientOptions, type MqttClient } from 'mqtt';
import pino, { type Logger } from 'pino';
import { Batcher } from './batcher';
import { DeferredPubacks, type PubackToken } from './deferred-pubacks';
import { EdgeError } from './errors';

export interface GatewayOptions {
  mqttUrl: string;
  db: Database;
  /** Also the MQTT client id of its persistent session; unique per gateway. */
  gatewayId?: string;
  /** Subscription filter; everything under porttwin/ so malformed topics are caught too. */
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
  mqttOptions?: Pick<IClientOptions, 'username' | 'password'>;
  log?: Logger;
}

export interface GatewayStats {
  connected: boolean;
  received: number;
  stored: number;
  deadLetters: number;
  batches: number;
  writeFailures: number;
  pending: number;
  lastBatchSize: number;
  lastBatchMs: number;
}

export interface RunningGateway {
  stats(): GatewayStats;
  /** Stores what it holds, acknowledges it, and disconnects (keeping its broker session). */
  stop(): Promise<void>;
  /** Disconnects at once, storing nothing more: the broker redelivers whatever was not acknowledged. */
  abort(): Promise<void>;
}

interface Received {
  message: DeviceMessage | null;
  deadLetter: DeadLetter | null;
  ack: PubackToken | null;
}

/**
 * Live state is upserted at most this often, folded over the batches in between: under load
 * every batch touches every asset, and the upsert would cost as much as the rows.
 */
const LIVE_STATE_INTERVAL_MS = 200;
/** A gateway's broker session outlives a week-long outage of the gateway. */
const SESSION_EXPIRY_SECONDS = 7 * 24 * 3600;
/** Dead letters keep this much of the raw payload. */
const DEAD_LETTER_PAYLOAD_CHARS = 4096;
const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Connects to the broker and starts storing device traffic. */
export async function startGateway(options: GatewayOptions): Promise<RunningGateway> {
  const gatewayId = options.gatewayId ?? 'porttwin-edge';
  const topicFilter = options.topicFilter ?? 'porttwin/#';
  const maxPending = options.maxPending ?? 20_000;
  const protocolVersion = options.protocolVersion ?? 5;
  const log = options.log ?? pino({ name: 'edge' });
  const stats: GatewayStats = {
    connected: false, received: 0, stored: 0, deadLetters: 0, batches: 0, writeFailures: 0, pending: 0,
    lastBatchSize: 0, lastBatchMs: 0,
  };

  let client: MqttClient;
  try {
    client = await mqtt.connectAsync(options.mqttUrl, {
      clientId: gatewayId,
      clean: false,
      reconnectPeriod: 1000,
      connectTimeout: 5000,
      ...(protocolVersion === 5
        ? {
            protocolVersion: 5,
            // Without an expiry an MQTT 5 session ends with its connection, and with it
            // everything queued for the gateway while it restarts.
            properties: { sessionExpiryInterval: SESSION_EXPIRY_SECONDS, receiveMaximum: 65_535 },
          }
        : { protocolVersion: 4 }),
      ...options.mqttOptions,
    });
  } catch (error) {
    throw new EdgeError('EDGE_BROKER_UNREACHABLE', `cannot connect to ${options.mqttUrl}: ${(error as Error).message}`, { cause: error });
  }
  const pubacks = new DeferredPubacks(client);
  const waitingForRoom: (() => void)[] = [];
  const liveState = new AssetStateFold();
  let liveStateWrittenAt = 0;
  let stopping = false;
  const liveStateDue = () => liveState.size > 0 && (stopping || Date.now() - liveStateWrittenAt >= LIVE_STATE_INTERVAL_MS);

  const batcher = new Batcher<Received>({
    maxItems: options.maxBatch ?? 2000,
    maxDelayMs: options.maxBatchDelayMs ?? 50,
    write: async (items) => {
      const messages = items.flatMap((item) => (item.message ? [item.message] : []));
      liveState.add(messages); // again on a retry: folding is idempotent
      const withLiveState = liveStateDue();
      await writeIngestBatch(options.db, {
        gatewayId,
        messages,
        deadLetters: items.flatMap((item) => (item.deadLetter ? [item.deadLetter] : [])),
        assetStates: withLiveState ? liveState.rowsToWrite() : [],
      });
      if (withLiveState) {
        liveState.clear();
        liveStateWrittenAt = Date.now();
      }
    },
    onCommitted: (items, elapsedMs) => {
      pubacks.release(items.flatMap((item) => (item.ack ? [item.ack] : [])));
      const deadLetters = items.filter((item) => item.deadLetter).length;
      stats.stored += items.length - deadLetters;
      stats.deadLetters += deadLetters;
      stats.batches += 1;
      stats.lastBatchSize = items.length;
      stats.lastBatchMs = elapsedMs;
      while (batcher.size < maxPending && waitingForRoom.length > 0) waitingForRoom.shift()?.();
    },
    onWriteFailed: (error, items, attempt) => {
      stats.writeFailures += 1;
      log.error({ err: error, batchSize: items.length, attempt }, 'edge: batch write failed; retrying, nothing acknowledged');
    },
  });

  client.handleMessage = (packet, done) => {
    const receivedAt = Date.now();
    stats.received += 1;
    const payload = packet.payload as Buffer;
    const ack = packet.qos > 0 && packet.messageId !== undefined ? pubacks.token(packet.messageId) : null;
    batcher.add({ ...decode(packet.topic, payload, receivedAt, packet.retain), ack });
    // Back-pressure: past maxPending, stop taking packets until a commit makes room.
    if (batcher.size < maxPending) done();
    else waitingForRoom.push(() => done());
  };
  client.on('connect', () => {
    stats.connected = true;
    log.info({ gatewayId, broker: options.mqttUrl }, 'edge: connected');
  });
  client.on('close', () => {
    stats.connected = false;
  });
  client.on('error', (error) => log.warn({ err: error }, 'edge: broker connection error'));
  stats.connected = client.connected;

  // Live state folded but not yet written goes out on its own when traffic pauses.
  const liveStateTimer = setInterval(() => {
    if (liveStateDue()) batcher.kick();
  }, LIVE_STATE_INTERVAL_MS);

  await client.subscribeAsync(topicFilter, { qos: 1 });
  log.info({ gatewayId, topicFilter }, 'edge: subscribed');

  return {
    stats: () => ({ ...stats, pending: batcher.size }),
    stop: async () => {
      client.handleMessage = () => {}; // take nothing more; the broker redelivers it later
      clearInterval(liveStateTimer);
      stopping = true;
      await batcher.drain();
      if (liveState.size > 0) {
        batcher.kick();
        await batcher.drain();
      }
      batcher.stop();
      await client.endAsync();
    },
    abort: async () => {
      client.handleMessage = () => {};
      clearInterval(liveStateTimer);
      batcher.stop();
      await client.endAsync(true);
    },
  };
}

function decode(topic: string, payload: Buffer, receivedAt: number, retained: boolean): Omit<Received, 'ack'> {
  let text: string;
  try {
    text = utf8.decode(payload);
  } catch {
    return { message: null, deadLetter: deadLetter(topic, payload.toString('utf8'), payload.length, receivedAt, 'payload is not valid UTF-8') };
  }
  const decoded = decodeDeviceMessage({ topic, payload: text, payloadBytes: payload.length, receivedAt, retained });
  if (decoded.ok) return { message: decoded.message, deadLetter: null };
  return { message: null, deadLetter: deadLetter(topic, text, payload.length, receivedAt, decoded.reason) };
}

function deadLetter(topic: string, text: string, payloadBytes: number, receivedAt: number, reason: string): DeadLetter {
  // PostgreSQL text cannot hold NUL; the raw bytes' length is kept alongside.
  const payload = text.slice(0, DEAD_LETTER_PAYLOAD_CHARS).replaceAll('\u0000', '\uFFFD');
  return { topic, reason, payload, payloadBytes, receivedAt };
}
