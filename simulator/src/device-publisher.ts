// The thin MQTT layer: the one module that owns the mqtt client. It connects with a last will,
// publishes what the model emits, counts acknowledged messages and waits for them on shutdown.
import mqtt, { type IClientOptions, type MqttClient } from 'mqtt';
import { BrokerConnectError } from './errors';
import type { OutboundMessage } from './model/device-outbox';

/** Gives up on the first connection after this long (later drops are retried for ever). */
const CONNECT_TIMEOUT_MS = 15_000;

/**
 * Connects to the broker; resolves once the broker has accepted us, rejects with
 * BrokerConnectError when it refuses or cannot be reached in time.
 */
export function connectBroker(url: string, options: IClientOptions): Promise<MqttClient> {
  return new Promise((resolve, reject) => {
    const client = mqtt.connect(url, { reconnectPeriod: 2000, connectTimeout: 10_000, ...options });
    const fail = (detail: string): void => {
      clearTimeout(timer);
      client.removeListener('connect', succeed);
      client.end(true);
      reject(new BrokerConnectError(url, detail));
    };
    const succeed = (): void => {
      clearTimeout(timer);
      client.removeListener('error', onError);
      resolve(client);
    };
    const onError = (error: Error): void => fail(error.message);
    const timer = setTimeout(() => fail(`no answer within ${CONNECT_TIMEOUT_MS / 1000}s`), CONNECT_TIMEOUT_MS);
    client.once('connect', succeed);
    client.once('error', onError);
  });
}

/** Where the model's messages go: one shared connection, or one connection per device. */
export interface Publisher {
  publish(message: OutboundMessage): void;
  /** Messages the broker has taken (acknowledged at QoS 1, written at QoS 0). */
  published(): number;
  /** Messages handed over and not yet taken (for back-pressure in as-fast-as-possible runs). */
  backlog(): number;
  /** Resolves once every message handed over so far is acknowledged (or has failed). */
  flush(): Promise<void>;
  /** Ends the publisher's own connections cleanly (no will fires); the caller flushes first. */
  close(): Promise<void>;
}

/** Publishes model messages on one connection; telemetry is dropped (and counted) while offline. */
export class DevicePublisher implements Publisher {
  private sent = 0;
  private droppedTelemetry = 0;
  private inFlight = 0;
  private idle: (() => void)[] = [];

  constructor(
    private readonly client: MqttClient,
    private readonly qos: 0 | 1,
    private readonly log: (line: string) => void,
  ) {}

  /** Messages the broker has taken (acknowledged at QoS 1, written at QoS 0). */
  published(): number {
    return this.sent;
  }

  backlog(): number {
    return this.inFlight;
  }

  // The shared connection also carries the simulator's presence; its owner ends it.
  close(): Promise<void> {
    return Promise.resolve();
  }

  /** Telemetry samples not sent because the broker was unreachable. */
  dropped(): number {
    return this.droppedTelemetry;
  }

  /**
   * Sends one message. A device that loses its broker drops samples but keeps events and
   * statuses to send once it is back (mqtt.js queues them), so nothing discrete is lost.
   */
  publish(message: OutboundMessage): void {
    if (!this.client.connected && message.channel === 'telemetry') {
      this.droppedTelemetry++;
      return;
    }
    this.inFlight++;
    this.client.publish(message.topic, message.payload, { qos: this.qos, retain: message.retain }, (error) => {
      this.inFlight--;
      if (error) this.log(`simulator: publish to ${message.topic} failed: ${error.message}`);
      else this.sent++;
      if (this.inFlight === 0) for (const resolve of this.idle.splice(0)) resolve();
    });
  }

  /** Resolves once every message handed over so far is acknowledged (or has failed). */
  flush(): Promise<void> {
    if (this.inFlight === 0) return Promise.resolve();
    return new Promise((resolve) => this.idle.push(resolve));
  }
}
