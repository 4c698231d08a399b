// The embedded broker's maximum MQTT packet size: a packet is measured by its fixed header as
// the bytes come, and a client that announces a larger one is hung up on before the rest is
// read (aedes' parser would otherwise buffer up to the 256 MB MQTT allows).
import type { Socket } from 'node:net';

/** Follows MQTT's framing over a byte stream: a type byte, a 1–4 byte remaining length, the body. */
export class MqttFrameMeter {
  private state: 'type' | 'length' | 'body' = 'type';
  private length = 0;
  private multiplier = 1;
  private lengthBytes = 0;
  private bodyLeft = 0;

  constructor(private readonly maxPacketBytes: number) {}

  /** Feeds the next bytes; returns the size of the first packet over the limit (Infinity: a malformed length), or null. */
  feed(chunk: Uint8Array): number | null {
    let at = 0;
    while (at < chunk.length) {
      if (this.state === 'body') {
        const taken = Math.min(this.bodyLeft, chunk.length - at);
        at += taken;
        this.bodyLeft -= taken;
        if (this.bodyLeft === 0) this.state = 'type';
        continue;
      }
      const byte = chunk[at++]!;
      if (this.state === 'type') {
        this.state = 'length';
        this.length = 0;
        this.multiplier = 1;
        this.lengthBytes = 0;
        continue;
      }
      this.length += (byte & 0x7f) * this.multiplier;
      this.multiplier *= 128;
      this.lengthBytes += 1;
      if (byte & 0x80) {
        if (this.lengthBytes === 4) return Number.POSITIVE_INFINITY;
        continue;
      }
      const size = 1 + this.lengthBytes + this.length;
      if (size > this.maxPacketBytes) return size;
      this.bodyLeft = this.length;
      this.state = this.length === 0 ? 'type' : 'body';
    }
    return null;
  }
}

/**
 * Holds a client socket to the limit: every chunk aedes reads (it reads with `read()` on
 * 'readable') passes the meter first; one over the limit destroys the socket instead.
 */
export function limitPacketSize(socket: Socket, maxPacketBytes: number, onTooLarge: (size: number) => void): void {
  const meter = new MqttFrameMeter(maxPacketBytes);
  const read = socket.read.bind(socket);
  socket.read = (size?: number) => {
    const chunk: unknown = read(size);
    if (chunk === null || socket.destroyed) return chunk;
    const tooLarge = meter.feed(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Uint8Array));
    if (tooLarge === null) return chunk;
    socket.destroy();
    onTooLarge(tooLarge);
    return null;
  };
}
