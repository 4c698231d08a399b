// The port model's inbound gate traffic stored as a gateway would store it, without MQTT: each
// published message decoded by the contract's own decoder and written by writeIngestBatch
// (which builds journeys in the same transaction), as the model's clock moves on. Only what the
// gate forecast reads is kept — inbound lanes' events and telemetry — which keeps a simulated
// week to minutes; the model itself runs whole, so its decisions are those of a full run.
import { decodeDeviceMessage, type DeviceMessage, type SiteLayout } from '@porttwin/contracts';
import { type Database, writeIngestBatch } from '@porttwin/db';
import { type OutboundMessage, PortModel, type PortModelOptions, type TruthRecord } from '@porttwin/simulator';

/** A truck's visit as the ground truth records it on leaving. */
export type TruckTruth = Extract<TruthRecord, { type: 'truck' }>;

/** Rows per writeIngestBatch: a busy gateway's batch size. */
const BATCH_ROWS = 2000;

export interface GateFeed {
  readonly model: PortModel;
  /** Every truck that has left so far, in the order they left. */
  readonly trucks: TruckTruth[];
  /** Runs the model to `at` and stores what it published up to then. */
  advanceTo(at: number): Promise<void>;
  /** Rows stored so far. */
  stored(): number;
}

/** Starts `options` as a model whose inbound gate traffic lands in `db`. */
export function feedGate(db: Database, layout: SiteLayout, options: Omit<PortModelOptions, 'layout' | 'sink' | 'truth'>): GateFeed {
  const inbound = new Set(layout.assets.filter((a) => a.kind === 'gate' && (a.direction ?? 'in') === 'in').map((a) => a.id));
  let pending: OutboundMessage[] = [];
  const trucks: TruckTruth[] = [];
  let stored = 0;
  const model = new PortModel({
    ...options,
    layout,
    sink: (message) => {
      if (message.channel !== 'status' && inbound.has(message.assetId)) pending.push(message);
    },
    truth: (record) => {
      if (record.type === 'truck') trucks.push(record);
    },
  });
  model.start();
  return {
    model,
    trucks,
    stored: () => stored,
    async advanceTo(at) {
      model.advanceTo(at);
      // The gateway stamps what it receives with its own clock: here the model's, never behind a message.
      const receivedAt = model.now();
      const messages: DeviceMessage[] = pending.map((m) => {
        const decoded = decodeDeviceMessage({ topic: m.topic, payload: m.payload, payloadBytes: Buffer.byteLength(m.payload), receivedAt });
        if (!decoded.ok) throw new Error(`bench: the model published a message the contract refuses (${decoded.reason}): ${m.topic}`);
        return decoded.message;
      });
      pending = [];
      for (let i = 0; i < messages.length; i += BATCH_ROWS) {
        await writeIngestBatch(db, { gatewayId: 'bench-forecast', messages: messages.slice(i, i + BATCH_ROWS), deadLetters: [] });
      }
      stored += messages.length;
    },
  };
}
