// Holds back each QoS 1 PUBACK until the message it acknowledges is committed.
//
// MQTT.js sends the PUBACK as soon as handleMessage calls back, and handles the next packet
// only after that (mqttjs/MQTT.js#691), so waiting in handleMessage would store one message
// per commit. Instead handleMessage calls back at once and the PUBACK packet itself is held
// here until its batch commits. Held acks die with their connection: message ids are reused
// on a new connection, and the broker redelivers what was never acknowledged.
import type { MqttClient } from 'mqtt';

type SendPacket = (packet: { cmd: string; messageId?: number }, cb?: (error?: Error) => void, ...rest: unknown[]) => void;

export interface PubackToken {
  messageId: number;
  connection: number;
}

export class DeferredPubacks {
  private readonly held = new Map<number, { cmd: string; messageId?: number }>();
  private connection = 0;
  private readonly send: SendPacket;

  constructor(private readonly client: MqttClient) {
    const internals = client as unknown as { _sendPacket: SendPacket };
    this.send = internals._sendPacket.bind(client);
    internals._sendPacket = (packet, cb, ...rest) => {
      if (packet.cmd === 'puback' && packet.messageId !== undefined) {
        this.held.set(packet.messageId, packet);
        cb?.();
        return;
      }
      this.send(packet, cb, ...rest);
    };
    // A new connection, or the loss of one, voids what is held.
    client.on('connect', () => this.reset());
    client.on('close', () => this.reset());
  }

  /** The token a message's acknowledgement will be released by. */
  token(messageId: number): PubackToken {
    return { messageId, connection: this.connection };
  }

  /** Sends the held PUBACKs of committed messages, in the order given, in as few writes as the socket allows. */
  release(tokens: PubackToken[]): void {
    // Corked, a batch's acknowledgements leave in one writev instead of a syscall each.
    const stream = (this.client as unknown as { stream?: { cork?(): void; uncork?(): void } }).stream;
    stream?.cork?.();
    try {
      for (const token of tokens) {
        if (token.connection !== this.connection || !this.client.connected) continue;
        const packet = this.held.get(token.messageId);
        if (!packet) continue;
        this.held.delete(token.messageId);
        this.send(packet);
      }
    } finally {
      stream?.uncork?.();
    }
  }

  get heldCount(): number {
    return this.held.size;
  }

  private reset(): void {
    this.held.clear();
    this.connection += 1;
  }
}
