// Turns the model's happenings into contract messages: topic, per-asset seq, JSON payload.
// The model hands every message to a sink; the MQTT publisher is one sink, a test array another.
import { type AssetKind, type DeviceState, deviceTopic } from '@porttwin/contracts';

/** One message ready to publish. */
export interface OutboundMessage {
  topic: string;
  payload: string;
  retain: boolean;
  /** Telemetry may be dropped when the broker is unreachable; events and statuses are kept. */
  channel: 'telemetry' | 'event' | 'status';
  /** The device that sends it (a per-device connection publishes it on that device's link). */
  kind: AssetKind;
  assetId: string;
}

export type MessageSink = (message: OutboundMessage) => void;

/** The identity of a device as it appears in topics. */
export interface AssetRef {
  kind: AssetKind;
  id: string;
}

export type Metrics = Record<string, number | string | boolean>;

/** Builds contract payloads stamped with the simulated clock and each asset's own seq. */
export class DeviceOutbox {
  // Telemetry and events share one counter per asset, as one device's firmware would.
  private readonly seqs = new Map<string, number>();

  constructor(
    private readonly site: string,
    private readonly clock: () => number,
    private readonly sink: MessageSink,
  ) {}

  /** Periodic measurements. */
  telemetry(asset: AssetRef, metrics: Metrics): void {
    const payload = { ts: this.now(), seq: this.nextSeq(asset), metrics };
    this.send(asset, 'telemetry', payload, false);
  }

  /**
   * A discrete happening. Events carry RFC 3339 time, as in the contract's example, so
   * consumers see both time forms the contract allows.
   */
  event(asset: AssetRef, type: string, data: Record<string, unknown>): void {
    const payload = { ts: new Date(this.now()).toISOString(), seq: this.nextSeq(asset), type, data };
    this.send(asset, 'event', payload, false);
  }

  /** The retained device status. */
  status(asset: AssetRef, state: DeviceState, reason?: string): void {
    const payload = reason === undefined ? { ts: this.now(), state } : { ts: this.now(), state, reason };
    this.send(asset, 'status', payload, true);
  }

  /**
   * A payload as a faulty device sends it, bypassing the contract (scenarios use this to
   * exercise the dead-letter path). Telemetry payloads still take a seq when they have one.
   */
  raw(asset: AssetRef, channel: OutboundMessage['channel'], payload: string): void {
    this.sink({
      topic: deviceTopic(this.site, asset.kind, asset.id, channel),
      payload,
      retain: false,
      channel,
      kind: asset.kind,
      assetId: asset.id,
    });
  }

  /** Simulated time now, whole ms, as stamped on payloads. */
  stamp(): number {
    return this.now();
  }

  // The scheduler works in fractional ms; the contract wants whole ones.
  private now(): number {
    return Math.round(this.clock());
  }

  private nextSeq(asset: AssetRef): number {
    const key = `${asset.kind}/${asset.id}`;
    const seq = (this.seqs.get(key) ?? 0) + 1;
    this.seqs.set(key, seq);
    return seq;
  }

  private send(asset: AssetRef, channel: OutboundMessage['channel'], payload: object, retain: boolean): void {
    this.sink({
      topic: deviceTopic(this.site, asset.kind, asset.id, channel),
      payload: JSON.stringify(payload),
      retain,
      channel,
      kind: asset.kind,
      assetId: asset.id,
    });
  }
}
