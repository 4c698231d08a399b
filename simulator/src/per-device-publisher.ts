// One MQTT connection per device, as real hardware has: each device connects with its own
// client id and a last will that is its own retained offline status, so a device whose link
// dies shows offline on its own status topic. Links open on a device's first message and close
// when a mobile device (tracker, ship) reports offline on leaving the site.
import { type AssetKind, deviceTopic } from '@porttwin/contracts';
import mqtt, { type MqttClient } from 'mqtt';
import type { Publisher } from './device-publisher';
import type { OutboundMessage } from './model/device-outbox';

export interface PerDevicePublisherOptions {
  url: string;
  site: string;
  qos: 0 | 1;
  /** Client ids are `<prefix>-<assetId>`. */
  clientIdPrefix: string;
  /** Each device's own MQTT credentials, asked for when its link opens; none = the URL's, if any. */
  credentials?: DeviceCredentials;
  /** A PEM CA to trust on mqtts://. */
  ca?: Buffer;
  log: (line: string) => void;
}

/** A device's MQTT user name and password, as a device registry issues them. */
export type DeviceCredentials = (device: { kind: AssetKind; assetId: string }) => Promise<{ username: string; password: string }>;

interface Link {
  client: MqttClient;
  /** Resolves once the link has been told to connect (at once, or when its credentials came). */
  started: Promise<void>;
}

export class PerDevicePublisher implements Publisher {
  private readonly links = new Map<string, Link>();
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
    const link = this.links.get(message.assetId) ?? this.open(message);
    const { client } = link;
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
    const leaving =
      message.channel === 'status' && (message.kind === 'truck' || message.kind === 'vessel') && message.payload.includes('"offline"');
    if (leaving) this.hangUp(message.assetId, link);
  }

  flush(): Promise<void> {
    if (this.inFlight === 0) return Promise.resolve();
    return new Promise((resolve) => this.idle.push(resolve));
  }

  async close(): Promise<void> {
    for (const [assetId, link] of this.links) this.hangUp(assetId, link);
    await Promise.all(this.closing);
  }

  /**
   * Cuts a device's link without a DISCONNECT, as a power cut would: the broker then publishes
   * the device's will (its retained offline status). For fault tests.
   */
  dropLink(assetId: string): boolean {
    const client = this.links.get(assetId)?.client;
    if (!client) return false;
    this.links.delete(assetId);
    client.stream.destroy();
    client.end(true);
    return true;
  }

  private open(message: OutboundMessage): Link {
    const { url, site, clientIdPrefix, credentials, ca, log } = this.options;
    const statusTopic = deviceTopic(site, message.kind, message.assetId, 'status');
    const client = mqtt.connect(url, {
      ...(ca ? { ca } : {}),
      // With credentials to fetch, the link waits for them; what it publishes meanwhile is queued.
      manualConnect: credentials !== undefined,
      clientId: `${clientIdPrefix}-${message.assetId}`.slice(0, 128),
      clean: true,
      reconnectPeriod: 2000,
      connectTimeout: 10_000,
      // The will carries the time it was set; the contract says its receive time then counts.
      will: {
        topic: statusTopic,
        payload: Buffer.from(JSON.stringify({ ts: Date.now(), state: 'offline', reason: 'connection lost' })),
        qos: 1,
        retain: true,
      },
    });
    client.on('error', (error) => log(`simulator: ${message.assetId} MQTT error: ${error.message}`));
    const started =
      credentials === undefined
        ? Promise.resolve()
        : credentials({ kind: message.kind, assetId: message.assetId }).then(
            ({ username, password }) => {
              Object.assign(client.options, { username, password });
              client.connect();
            },
            (error: Error) => log(`simulator: ${message.assetId} has no credentials, so stays unconnected: ${error.message}`),
          );
    const link = { client, started };
    this.links.set(message.assetId, link);
    this.linksOpened++;
    return link;
  }

  // end(false) lets the device's in-flight messages finish before DISCONNECT, so no will fires.
  private hangUp(assetId: string, { client, started }: Link): void {
    this.links.delete(assetId);
    const done: Promise<void> = started
      .then(() => client.endAsync(false))
      .then(
        () => void this.closing.delete(done),
        () => void this.closing.delete(done),
      );
    this.closing.add(done);
  }
}
