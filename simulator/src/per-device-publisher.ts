// One MQTT connection per device, as real hardware has: each device connects with its own
// client id and a last will that is its own retained offline status, so a device whose link
// dies shows offline on its own status topic. Links open on a device's first message and close
// when a mobile device (tracker, ship) reports offline on leaving the site.
import { deviceTopic } from '@porttwin/contracts';
import mqtt, { type MqttClient } from 'mqtt';
import type { Publisher } from './device-publisher';
import type { OutboundMessage } from './model/device-outbox';

export interface PerDevicePublisherOptions {
  url: string;
  site: string;
  qos: 0 | 1;
  /** Client ids are `<prefix>-<assetId>`. */
  clientIdPrefix: string;
  log: (line: string) => void;
}

export class PerDevicePublisher implements Publisher {
  private readonly links = new Map<string, MqttClient>();
  private readonly closing = new Set<Promise<void>>();
  private sent = 0;
  private inFlight = 0;
  private idle: (() => void)[] = [];
  private linksOpened = 0;

  constructor(private readonly options: PerDevicePublisherOptions) {}

  published(): number {
    return this.sent;
  }

  backlog(): number {
    return this.inFlight;
  }

  /** Devices with a connection open now, and connections opened in all. */
  connections(): { open: number; opened: number } {
    return { open: this.links.size, opened: this.linksOpened };
  }

  publish(message: OutboundMessage): void {
    const client = this.links.get(message.assetId) ?? this.open(message);
    // A device whose link dropped loses samples but keeps events and statuses (mqtt.js queues them).
    if (message.channel === 'telemetry' && !client.connected && client.reconnecting) return;
    this.inFlight++;
    client.publish(message.topic, message.payload, { qos: this.options.qos, retain: message.retain }, (error) => {
      this.inFlight--;
      if (error) this.options.log(`simulator: ${message.assetId} publish to ${message.topic} failed: ${error.message}`);
      else this.sent++;
      if (this.inFlight === 0) for (const resolve of this.idle.splice(0)) resolve();
    });
    // A tracker back in the pool or a ship gone to sea hangs up, as the real device would.
    const leaving = message.channel === 'status' && (message.kind === 'truck' || message.kind === 'vessel') && message.payload.includes('"offline"');
    if (leaving) this.hangUp(message.assetId, client);
  }

  flush(): Promise<void> {
    if (this.inFlight === 0) return Promise.resolve();
    return new Promise((resolve) => this.idle.push(resolve));
  }

  async close(): Promise<void> {
    for (const [assetId, client] of this.links) this.hangUp(assetId, client);
    await Promise.all(this.closing);
  }

  /**
   * Cuts a device's link without a DISCONNECT, as a power cut would: the broker then publishes
   * the device's will (its retained offline status). For fault tests.
   */
  dropLink(assetId: string): boolean {
    const client = this.links.get(assetId);
    if (!client) return false;
    this.links.delete(assetId);
    client.stream.destroy();
    client.end(true);
    return true;
  }

  private open(message: OutboundMessage): MqttClient {
    const { url, site, clientIdPrefix, log } = this.options;
    const statusTopic = deviceTopic(site, message.kind, message.assetId, 'status');
    const client = mqtt.connect(url, {
      clientId: `${clientIdPrefix}-${message.assetId}`.slice(0, 128),
      clean: true,
      reconnectPeriod: 2000,
      connectTimeout: 10_000,
      // The will carries the time it was set; the contract says its receive time then counts.
      will: { topic: statusTopic, payload: Buffer.from(JSON.stringify({ ts: Date.now(), state: 'offline', reason: 'connection lost' })), qos: 1, retain: true },
    });
    client.on('error', (error) => log(`simulator: ${message.assetId} MQTT error: ${error.message}`));
    this.links.set(message.assetId, client);
    this.linksOpened++;
    return client;
  }

  // end(false) lets the device's in-flight messages finish before DISCONNECT, so no will fires.
  private hangUp(assetId: string, client: MqttClient): void {
    this.links.delete(assetId);
    const done: Promise<void> = client.endAsync(false).then(
      () => void this.closing.delete(done),
      () => void this.closing.delete(done),
    );
    this.closing.add(done);
  }
}
